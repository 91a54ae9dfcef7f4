import { describe, expect, it } from "vitest";
import { parseCurlArgs, parseUrl } from "../../src/reachability/curl-args.js";
import { runShellScript } from "../../src/sandbox/ssm/shell-script.js";
import { sandboxReachabilityFacts } from "../../src/sandbox/reachability-facts.js";
import { IDS, lessonWorld, PAGE, REGION, REGIONAL_NAME, T0 } from "./fixtures-c.js";

describe("curl command line", () => {
  it("reads clustered and attached short options", () => {
    const a = parseCurlArgs(["-sSm5", "-o/dev/null", "-w", "%{http_code}\\n", "http://h/"]);
    expect(a).toMatchObject({ ok: true, options: { silent: true, showError: true, maxTime: 5, output: "/dev/null", writeOut: "%{http_code}\\n", url: "http://h/" } });
  });

  it("reads long options with a separate or `=` value", () => {
    const a = parseCurlArgs(["--max-time", "10", "--connect-timeout=3", "--head", "h"]);
    expect(a).toMatchObject({ ok: true, options: { maxTime: 10, connectTimeout: 3, head: true, url: "h" } });
  });

  it("fails like curl on an unknown option or a missing URL (exit 2)", () => {
    expect(parseCurlArgs(["--bogus", "h"])).toEqual({ ok: false, exitCode: 2, stderr: "curl: option --bogus: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n" });
    expect(parseCurlArgs(["-s"])).toMatchObject({ ok: false, exitCode: 2, stderr: expect.stringContaining("no URL specified") });
  });

  it("splits URLs: default port per scheme, explicit port, path, no scheme", () => {
    expect(parseUrl("http://h:8080/a?b")).toEqual({ scheme: "http", host: "h", port: 8080, path: "/a?b" });
    expect(parseUrl("https://h")).toEqual({ scheme: "https", host: "h", port: 443, path: "/" });
    expect(parseUrl("h/x")).toEqual({ scheme: "http", host: "h", port: 80, path: "/x" });
    expect(parseUrl("ftp://h/")).toMatchObject({ exitCode: 1 });
  });
});

describe("AWS-RunShellScript on the simulated consumer", () => {
  const facts = sandboxReachabilityFacts(lessonWorld(), REGION, IDS.consumer, T0, 0)!;
  const run = (script: string) => runShellScript(script, { facts, now: T0, scriptPath: "/x/_script.sh" });

  it("prints only the status code with -o /dev/null -w", () => {
    expect(run(`curl -s -o /dev/null -w "%{http_code}\\n" http://${REGIONAL_NAME}/`)).toMatchObject({ exitCode: 0, stdout: "200\n", stderr: "" });
  });

  it("shows headers with -I and a 404 for another path; -f turns it into exit 22", () => {
    const head = run(`curl -sI http://${REGIONAL_NAME}/`);
    expect(head.stdout).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(head.stdout).toContain("Server: Apache/2.4.62 (Amazon Linux)");
    expect(run(`curl -s -o /dev/null -w '%{http_code}' http://${REGIONAL_NAME}/nope`).stdout).toBe("404");
    expect(run(`curl -sSf http://${REGIONAL_NAME}/nope`)).toMatchObject({ exitCode: 22, stderr: "curl: (22) The requested URL returned error: 404\n" });
  });

  it("runs lines, `;` and `&&` in order; the script's status is the last command's", () => {
    const r = run(`hostname\ncurl -sS -m 2 http://nowhere.invalid/ ; echo after`);
    expect(r.stdout).toBe("ip-10-0-0-10.ap-northeast-1.compute.internal\nafter\n");
    expect(r.stderr).toBe("curl: (6) Could not resolve host: nowhere.invalid\n");
    expect(r.exitCode).toBe(0);
    expect(run("curl -s http://nowhere.invalid/ && echo never").exitCode).toBe(6);
    expect(run("false || echo rescued").stdout).toBe("rescued\n");
  });

  it("pipes into grep", () => {
    expect(run(`curl -s http://${REGIONAL_NAME}/ | grep -i provider`)).toMatchObject({ exitCode: 0, stdout: PAGE });
  });

  it("reports unknown commands as bash does (exit 127)", () => {
    expect(run("echo hi\nwget http://x/")).toMatchObject({ exitCode: 127, stdout: "hi\n", stderr: "/x/_script.sh: line 2: wget: command not found\n" });
  });

  it("answers curl --version", () => {
    expect(run("curl --version").stdout).toMatch(/^curl 8\.\d+\.\d+ /);
  });
});
