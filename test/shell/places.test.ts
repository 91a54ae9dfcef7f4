/**
 * Where the progress files, the sandbox account and the templates resolve, with the
 * operating system injected (CI runs on Linux): Windows keeps them in %LOCALAPPDATA%, joined
 * with `\`; Linux and macOS in the XDG folders. And the template path as the printed
 * `aws cloudformation create-stack` command shows it on each, in each shell.
 */
import { describe, expect, it } from "vitest";
import { loadStep } from "../../src/content/lesson-content.js";
import { sandboxFileFor, stateDirFor, templatePathFor, type Place } from "../../src/places.js";
import { shellMarkdown } from "../../src/shell/in-text.js";
import { sampleVars } from "../helpers/printed-commands.js";

const WIN: Place = { platform: "win32", env: { LOCALAPPDATA: "C:\\Users\\Taro Yamada\\AppData\\Local", USERPROFILE: "C:\\Users\\Taro Yamada" }, home: "C:\\Users\\Taro Yamada" };
const LINUX: Place = { platform: "linux", env: {}, home: "/home/taro" };

describe("places, Windows", () => {
  it("progress files and the sandbox account under %LOCALAPPDATA%\\privatelink-lab", () => {
    expect(stateDirFor(WIN)).toBe("C:\\Users\\Taro Yamada\\AppData\\Local\\privatelink-lab");
    expect(sandboxFileFor(WIN)).toBe("C:\\Users\\Taro Yamada\\AppData\\Local\\privatelink-lab\\sandbox\\account.db");
  });

  it("environment names in any case; without LOCALAPPDATA, the home's AppData\\Local; XDG variables are not Windows'", () => {
    expect(stateDirFor({ ...WIN, env: { LocalAppData: "D:\\Local" } })).toBe("D:\\Local\\privatelink-lab");
    expect(stateDirFor({ ...WIN, env: { XDG_STATE_HOME: "/x" } })).toBe("C:\\Users\\Taro Yamada\\AppData\\Local\\privatelink-lab");
    expect(sandboxFileFor({ ...WIN, env: { privatelink_lab_sandbox_file: "D:\\lab\\account.json" } })).toBe("D:\\lab\\account.db");
  });

  it("no path of ours has a forward slash", () => {
    for (const p of [stateDirFor(WIN), sandboxFileFor(WIN), templatePathFor("C:\\npm\\privatelink-lab", "Consumer.yml", "win32")]) expect(p).not.toContain("/");
  });
});

describe("places, Linux and macOS", () => {
  it("XDG: ~/.local/state by default, the variables when absolute", () => {
    expect(stateDirFor(LINUX)).toBe("/home/taro/.local/state/privatelink-lab");
    expect(sandboxFileFor(LINUX)).toBe("/home/taro/.local/state/privatelink-lab/sandbox/account.db");
    expect(stateDirFor({ ...LINUX, env: { XDG_STATE_HOME: "/srv/state" } })).toBe("/srv/state/privatelink-lab");
    expect(stateDirFor({ ...LINUX, env: { XDG_STATE_HOME: "relative" } })).toBe("/home/taro/.local/state/privatelink-lab");
  });
});

describe("the template path in the printed deploy command", () => {
  const deploy = loadStep("privatelink", "deploy", "en").cli;
  const printed = (root: string, platform: NodeJS.Platform, shell: "bash" | "powershell" | "cmd") =>
    shellMarkdown(deploy, shell, sampleVars({ consumer: templatePathFor(root, "Consumer.yml", platform), provider: templatePathFor(root, "Provider.yml", platform) })).markdown;

  it("Linux: file:///home/…/templates/Consumer.yml, bare", () => {
    expect(printed("/home/taro/.npm/_npx/ab/node_modules/privatelink-lab", "linux", "bash")).toContain("--template-body file:///home/taro/.npm/_npx/ab/node_modules/privatelink-lab/templates/Consumer.yml \\");
  });

  it("Windows: file://C:\\…\\templates\\Consumer.yml (the AWS CLI opens what follows file://), one argument in each shell", () => {
    const root = "C:\\Users\\Taro Yamada\\AppData\\Local\\npm-cache\\_npx\\ab\\node_modules\\privatelink-lab";
    const path = `${root}\\templates\\Consumer.yml`;
    expect(printed(root, "win32", "powershell")).toContain(`--template-body 'file://${path}' \``);
    expect(printed(root, "win32", "cmd")).toContain(`--template-body "file://${path}" ^`);
    const noSpace = "C:\\npm\\privatelink-lab";
    expect(printed(noSpace, "win32", "powershell")).toContain("--template-body 'file://C:\\npm\\privatelink-lab\\templates\\Provider.yml' `");
  });
});
