/**
 * The whole lesson, run with --json and `--shell powershell` / `--shell cmd` / the default on
 * Linux: every `cli` the lesson explains comes in that shell, with its commands as data
 * (program and arguments), and the bash stream is the text the lesson always printed.
 */
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { start } from "../../src/commands/start.js";
import { chooseShell } from "../../src/shell/choose.js";
import { detectShell } from "../../src/windows-shell.js";
import type { Script } from "../../src/shell/script.js";
import { harness, type Harness } from "../helpers/lesson-harness.js";

type JsonEvent = { type: string } & Record<string, unknown>;

async function lessonEvents(h: Harness, shell?: string): Promise<JsonEvent[]> {
  const out = new PassThrough();
  let text = "";
  out.on("data", (d: Buffer) => (text += d.toString()));
  const env = { ...h.env, stdout: out as unknown as NodeJS.WriteStream };
  delete env.makeHost;
  await start({ ...h.opts, json: true, ...(shell ? { shell } : {}) }, env);
  return text.trim().split("\n").filter(Boolean).map((l) => JSON.parse(l) as JsonEvent);
}

const cliEvents = (events: JsonEvent[]) => events.filter((e) => e.type === "explain" && e.section === "cli") as unknown as { step: string; markdown: string; shell: string; commands: Script[] }[];

describe("the lesson's commands in the learner's shell", () => {
  it("--shell powershell: every step's CLI in PowerShell, with its commands as data", async () => {
    const events = await lessonEvents(harness(), "powershell");
    const cli = cliEvents(events);
    expect(cli.map((e) => e.step)).toEqual(["preflight", "deploy", "tour", "endpoint-service", "interface-endpoint", "allow-http", "accept", "curl", "review", "cleanup"]);
    for (const e of cli) {
      expect(e.shell).toBe("powershell");
      expect(e.markdown).toMatch(/^```powershell\n/);
      expect(e.markdown, e.step).not.toMatch(/ \\$/m);
      expect(e.commands.length).toBe(1);
    }
    const endpoint = cli.find((e) => e.step === "interface-endpoint")!;
    expect(endpoint.markdown).toMatch(/^\$SG_ID = aws ec2 create-security-group --region ap-northeast-1 `$/m);
    expect(endpoint.markdown).toContain("--security-group-ids $SG_ID `");
    const first = endpoint.commands[0]!.find((i) => i.kind === "command")!;
    expect(first.kind === "command" && first.command.capture).toBe("SG_ID");
    expect(first.kind === "command" && first.command.program).toBe("aws");
  });

  it("--shell cmd: ^ continuations, %SG_ID%, and the capture as two steps", async () => {
    const cli = cliEvents(await lessonEvents(harness(), "cmd"));
    const endpoint = cli.find((e) => e.step === "interface-endpoint")!;
    expect(endpoint.markdown).toMatch(/^```bat\n/);
    expect(endpoint.markdown).toMatch(/^aws ec2 create-security-group --region ap-northeast-1 \^$/m);
    expect(endpoint.markdown).toMatch(/^rem .*set SG_ID=/m);
    expect(endpoint.markdown).toContain("--security-group-ids %SG_ID% ^");
  });

  it("on Linux the default is bash: the `sh` block as the lesson has always printed it", async () => {
    const cli = cliEvents(await lessonEvents(harness()));
    const endpoint = cli.find((e) => e.step === "interface-endpoint")!;
    expect(endpoint.shell).toBe("bash");
    expect(endpoint.markdown).toMatch(/^```sh\n/);
    expect(endpoint.markdown).toMatch(/^SG_ID=\$\(aws ec2 create-security-group --region ap-northeast-1 \\$/m);
    expect(endpoint.markdown).toContain(`--security-group-ids "$SG_ID" \\`);
  });
});

describe("which shell", () => {
  it("Windows: PowerShell when it added the user's module folder, cmd.exe when PROMPT says so, else PowerShell; elsewhere bash", () => {
    const system = "C:\\Program Files\\WindowsPowerShell\\Modules;C:\\WINDOWS\\system32\\WindowsPowerShell\\v1.0\\Modules";
    const comSpec = "C:\\WINDOWS\\system32\\cmd.exe";
    // Windows PowerShell 5.1 and PowerShell 7, started from the Start menu or Windows Terminal
    expect(detectShell("win32", { PSModulePath: `C:\\Users\\taro\\Documents\\WindowsPowerShell\\Modules;${system}`, ComSpec: comSpec })).toBe("powershell");
    expect(detectShell("win32", { PSModulePath: `C:\\Users\\taro\\Documents\\PowerShell\\Modules;C:\\Program Files\\PowerShell\\7\\Modules;${system}`, ComSpec: comSpec })).toBe("powershell");
    // PowerShell started from cmd.exe inherits PROMPT, and still says PowerShell
    expect(detectShell("win32", { Psmodulepath: `C:\\Users\\taro\\Documents\\WindowsPowerShell\\Modules;${system}`, PROMPT: "$P$G" })).toBe("powershell");
    // cmd.exe: only the system-wide PSModulePath, and PROMPT
    expect(detectShell("win32", { PSModulePath: system, ComSpec: comSpec, PROMPT: "$P$G" })).toBe("cmd");
    expect(detectShell("win32", { PSModulePath: system, ComSpec: comSpec })).toBe("powershell");
    expect(detectShell("win32", {})).toBe("powershell");
    expect(detectShell("linux", { PSModulePath: "/opt/microsoft/powershell/7/Modules" })).toBe("bash");
    expect(detectShell("darwin", {})).toBe("bash");
  });

  it("--shell overrides, and an unknown shell is a usage error listing the allowed ones", () => {
    expect(chooseShell("cmd", "linux", {})).toBe("cmd");
    expect(chooseShell("bash", "win32", { PSModulePath: "x" })).toBe("bash");
    expect(() => chooseShell("fish", "linux", {})).toThrow(expect.objectContaining({ key: "usage.invalidChoice" }));
  });
});
