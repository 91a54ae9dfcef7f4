import { build } from "esbuild";
const r = await build({ stdin: { contents: process.argv[2], resolveDir: process.cwd(), loader: "ts" }, bundle: true, format: "esm", platform: "node", write: false, mainFields: ["module","main"], minifySyntax: true, metafile: true, logLevel: "error" });
console.log((r.outputFiles[0].text.length/1024|0) + " KiB");
if (process.argv[3]) { const o = Object.values(r.metafile.outputs)[0]; console.log(Object.entries(o.inputs).sort((a,b)=>b[1].bytesInOutput-a[1].bytesInOutput).slice(0,+process.argv[3]).map(([k,v])=>(v.bytesInOutput/1024|0)+" "+k).join("\n")); }
