import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { STATE_SCHEMA_VERSION, type LessonState } from "../../src/state/schema.js";
import { migrate, StateFile } from "../../src/state/state-file.js";
import { LabError } from "../../src/errors.js";
import { translator } from "../../src/i18n/messages.js";

function sample(prefix = "alice"): LessonState {
  return {
    schema: STATE_SCHEMA_VERSION, lesson: "privatelink", prefix, backend: "sandbox", region: "ap-northeast-1", lang: "ja", mode: "guided",
    createdAt: "2026-11-29T00:00:00.000Z", updatedAt: "2026-11-29T00:00:00.000Z", ids: { endpointId: "vpce-1" }, marks: {},
    challenges: { solved: {}, gaveUp: {} },
  };
}

describe("progress file", () => {
  it("round-trips, is private (0600) and remembers the last participant", () => {
    const dir = mkdtempSync(join(tmpdir(), "pll-"));
    const f = new StateFile(dir);
    f.save(sample());
    const loaded = f.load("alice");
    expect(loaded).toMatchObject({ kind: "ok", state: { ids: { endpointId: "vpce-1" } } });
    expect(statSync(f.pathFor("alice")).mode & 0o777).toBe(0o600);
    expect(f.lastPrefix()).toBe("alice");
    expect(readdirSync(join(dir, "participants")).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });

  it("saves again after its folder was removed while the lesson ran", () => {
    const dir = mkdtempSync(join(tmpdir(), "pll-"));
    const f = new StateFile(dir);
    f.save(sample());
    rmSync(join(dir, "participants"), { recursive: true });
    f.save({ ...sample(), ids: { endpointId: "vpce-2" } });
    expect(f.load("alice")).toMatchObject({ kind: "ok", state: { ids: { endpointId: "vpce-2" } } });
  });

  it("writes the file again when it was deleted, even if nothing changed", () => {
    const dir = mkdtempSync(join(tmpdir(), "pll-"));
    const f = new StateFile(dir);
    f.save(sample());
    rmSync(f.pathFor("alice"));
    f.save({ ...sample(), updatedAt: "2026-11-29T01:00:00.000Z" });
    expect(f.load("alice")).toMatchObject({ kind: "ok", state: { ids: { endpointId: "vpce-1" } } });
  });

  it("keeps a corrupt file as a backup instead of losing it", () => {
    const dir = mkdtempSync(join(tmpdir(), "pll-"));
    const f = new StateFile(dir);
    mkdirSync(join(dir, "participants"), { recursive: true });
    writeFileSync(f.pathFor("bob"), "{ this is not json");
    const r = f.load("bob");
    expect(r.kind).toBe("corrupt");
    if (r.kind !== "corrupt") return;
    expect(readFileSync(r.backupPath, "utf8")).toBe("{ this is not json");
    expect(f.load("bob").kind).toBe("missing");
    // The notice puts the backup's path on a line of its own: wrapping never breaks it.
    for (const lang of ["en", "ja"] as const) expect(translator(lang)("session.corruptState", { backup: r.backupPath }).split("\n")).toContain(r.backupPath);
  });

  it("leaves a file of a newer version untouched and says to update, in both languages (exit 4)", () => {
    const dir = mkdtempSync(join(tmpdir(), "pll-"));
    const f = new StateFile(dir);
    mkdirSync(join(dir, "participants"), { recursive: true });
    const text = JSON.stringify({ ...sample("erin"), schema: STATE_SCHEMA_VERSION + 1, future: { field: true } });
    writeFileSync(f.pathFor("erin"), text);
    let err: unknown;
    try {
      f.load("erin");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(LabError);
    expect((err as LabError).exitCode).toBe(4);
    expect(readdirSync(join(dir, "participants"))).toEqual(["erin.json"]);
    expect(readFileSync(f.pathFor("erin"), "utf8")).toBe(text);
    for (const lang of ["en", "ja"] as const) {
      const t = translator(lang);
      const said = t((err as LabError).key, (err as LabError).vars) + "\n" + t(`${(err as LabError).key}.hint`, (err as LabError).vars);
      expect(said).toContain("npx privatelink-lab@latest");
      // The path on a line of its own: never broken by wrapping, pasteable.
      expect(said.split("\n")).toContain(f.pathFor("erin"));
    }
  });

  it("treats a file that breaks the schema as corrupt too", () => {
    const dir = mkdtempSync(join(tmpdir(), "pll-"));
    const f = new StateFile(dir);
    mkdirSync(join(dir, "participants"), { recursive: true });
    writeFileSync(f.pathFor("carol"), JSON.stringify({ ...sample("carol"), mode: "sideways" }));
    const r = f.load("carol");
    expect(r.kind).toBe("corrupt");
    // The reason names the field and what it should be (the learner sees it).
    if (r.kind === "corrupt") expect(r.problem).toMatch(/^mode: Invalid option: expected one of "guided"\|"hands-on"/);
  });

  it("migrates an older file step by step up to the current version", () => {
    const v1 = { ...sample(), schema: 1 } as Record<string, unknown>;
    const migrations = {
      1: (old: Record<string, unknown>) => ({ ...old, schema: 2, renamed: old.mode }),
      2: (old: Record<string, unknown>) => ({ ...old, schema: 3, added: true }),
    };
    const { value, from } = migrate(v1, migrations, 3);
    expect(from).toBe(1);
    expect(value).toMatchObject({ schema: 3, renamed: "guided", added: true });
    expect(migrate(sample()).from).toBeUndefined();
  });

  it("reads a version-1 file (before challenges) as a learner with no challenge done, and keeps everything else", () => {
    const dir = mkdtempSync(join(tmpdir(), "pll-"));
    const f = new StateFile(dir);
    mkdirSync(join(dir, "participants"), { recursive: true });
    const { challenges: _none, ...v1 } = { ...sample("dave"), schema: 1, marks: { curl: "2026-11-29T01:00:00.000Z" } };
    writeFileSync(f.pathFor("dave"), JSON.stringify(v1));
    const r = f.load("dave");
    expect(r.kind).toBe("ok");
    if (r.kind !== "ok") return;
    expect(r.state.schema).toBe(2);
    expect(r.state.challenges).toEqual({ solved: {}, gaveUp: {} });
    expect(r.state.marks.curl).toBe("2026-11-29T01:00:00.000Z");
    expect(r.state.ids.endpointId).toBe("vpce-1");
  });
});

describe("last-participant, edited by hand", () => {
  function withLast(text: string): StateFile {
    const dir = mkdtempSync(join(tmpdir(), "pll-"));
    const f = new StateFile(dir);
    f.save(sample("alice"));
    writeFileSync(join(dir, "last-participant"), text);
    return f;
  }

  it("is checked like --prefix, and must name someone with a progress file", () => {
    expect(withLast("alice\n").lastParticipant()).toEqual({ kind: "ok", prefix: "alice" });
    expect(withLast("garbage\n").lastParticipant()).toEqual({ kind: "nobody", found: "garbage" });
    expect(withLast("Alice\n").lastParticipant()).toEqual({ kind: "invalid", found: "Alice", problem: "charset" });
    expect(withLast("ali\u001bce").lastParticipant()).toMatchObject({ kind: "invalid", problem: "charset" });
    expect(withLast("alice\nbob\n").lastParticipant()).toMatchObject({ kind: "invalid", problem: "charset" });
    expect(withLast("\n").lastParticipant()).toEqual({ kind: "none" });
    expect(withLast("garbage").lastPrefix()).toBeUndefined();
  });

  it("lists the participants there are, and names them when a prefix has no lesson", () => {
    const f = withLast("alice");
    f.save(sample("bob"));
    writeFileSync(join(f.dir, "participants", "Not Valid.json"), "{}");
    expect(f.prefixes()).toEqual(["alice", "bob"]);
    expect(f.noLesson("nobody")).toMatchObject({ key: "stateFixes.usage.noLesson", vars: { prefix: "nobody", prefixes: "alice, bob" } });
    expect(new StateFile(mkdtempSync(join(tmpdir(), "pll-"))).noLesson("nobody").key).toBe("stateFixes.usage.noLessonAtAll");
  });
});
