import { it } from "vitest";
import { start } from "../../src/commands/start.js";
import { translator } from "../../src/i18n/messages.js";
import { harness } from "../helpers/lesson-harness.js";
import { RecordingHost } from "../helpers/recording-host.js";
const frag = (lang: "en", key: string) => translator(lang)(key, new Proxy({}, { get: () => "\u0000" }) as Record<string, string>).split("\u0000")[0]!;
it("dbg", async () => {
  const lang = "en" as const;
  const host = new RecordingHost(lang, true, []);
  const h = harness({ host, opts: { mode: "hands-on", lang } });
  const svc = () => Object.values(h.sandbox.store.snapshot().regions["ap-northeast-1"]?.endpointServices ?? {})[0]?.ServiceName ?? "";
  (host as unknown as { answers: unknown[] }).answers.push(
    { match: frag(lang, "form.accept.action"), value: "reject", times: 1 },
    { match: frag(lang, "form.accept.rejectSure"), value: true, times: 1 },
    { match: frag(lang, "form.endpoint.serviceName"), value: svc },
  );
  await start(h.opts, h.env);
  let on = false;
  for (const e of host.events) {
    if (e.type === "notice" && e.message.includes("rejected")) on = true;
    if (on && e.type !== "progress") console.log(JSON.stringify(e).slice(0, 400));
    if (e.type === "step-started" && e.step === "accept" && on) break;
  }
  console.log(host.questions.join("\n"));
});
