/**
 * The progress file: schema-checked, migrated, written atomically with mode 0600. A corrupt file is backed up and
 * reported (progress is rebuilt from the cloud); a newer version's is left untouched.
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, renameSync } from "node:fs";
import { dirname, join } from "node:path";
import { LabError } from "../errors.js";
import { prefixProblem, type PrefixProblem } from "../participant.js";
import { errnoCode, localFileError, onLocalFile } from "../guard/local-file.js";
import { readWholeFile, writeWholeFile } from "../whole-file.js";
import { replaceFile } from "../guard/replace-file.js";
import { LessonStateSchema, MIGRATIONS, STATE_SCHEMA_VERSION, type LessonState, type Migration } from "./schema.js";

type LoadResult =
  | { kind: "missing" }
  | { kind: "ok"; state: LessonState; migratedFrom?: number }
  | { kind: "corrupt"; backupPath: string; problem: string };

/** What `last-participant` says: nothing, a participant with a progress file, or something not to use. */
type LastParticipant =
  | { kind: "none" }
  | { kind: "ok"; prefix: string }
  | { kind: "invalid"; found: string; problem: PrefixProblem }
  | { kind: "nobody"; found: string };

export class StateFile {
  constructor(readonly dir: string) {}

  pathFor(prefix: string): string {
    return join(this.dir, "participants", `${prefix}.json`);
  }

  lastPath(): string {
    return join(this.dir, "last-participant");
  }

  /** The participant used last on this machine, checked like `--prefix` (the file can be edited by hand). */
  lastParticipant(): LastParticipant {
    let found: string;
    try {
      // Not through a symbolic link (see whole-file.ts): a planted one names no participant.
      found = readWholeFile(this.lastPath()).trim();
    } catch {
      return { kind: "none" };
    }
    if (!found) return { kind: "none" };
    const problem = prefixProblem(found);
    if (problem) return { kind: "invalid", found, problem };
    return this.exists(found) ? { kind: "ok", prefix: found } : { kind: "nobody", found };
  }

  /** The prefix used last on this machine, if it names a participant with a progress file. */
  lastPrefix(): string | undefined {
    const last = this.lastParticipant();
    return last.kind === "ok" ? last.prefix : undefined;
  }

  /** The progress of the participant used last on this machine, when there is one and it reads whole. */
  lastState(): LessonState | undefined {
    const prefix = this.lastPrefix();
    const loaded = prefix === undefined ? undefined : this.load(prefix);
    return loaded?.kind === "ok" ? loaded.state : undefined;
  }

  /** This participant has a progress file (a damaged one counts: it is kept and rebuilt). */
  exists(prefix: string): boolean {
    return existsSync(this.pathFor(prefix));
  }

  /** The participants with a progress file on this machine, sorted. */
  prefixes(): string[] {
    const dir = join(this.dir, "participants");
    if (!existsSync(dir)) return [];
    const names = onLocalFile(dir, () => readdirSync(dir));
    return names.filter((n) => n.endsWith(".json")).map((n) => n.slice(0, -".json".length)).filter((p) => !prefixProblem(p)).sort();
  }

  /** For a command with nothing to show a participant who has no lesson here: which ones have. */
  noLesson(prefix: string): LabError {
    const prefixes = this.prefixes();
    return new LabError(prefixes.length ? "stateFixes.usage.noLesson" : "stateFixes.usage.noLessonAtAll", { prefix, prefixes: prefixes.join(", ") });
  }

  load(prefix: string): LoadResult {
    const path = this.pathFor(prefix);
    if (!existsSync(path)) return { kind: "missing" };
    const text = onLocalFile(path, () => readWholeFile(path));
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      return this.quarantine(path, e instanceof Error ? e.message : String(e));
    }
    // A file a newer privatelink-lab wrote is not damaged: left as it is, for that version.
    const schema = data !== null && typeof data === "object" ? (data as { schema?: unknown }).schema : undefined;
    if (typeof schema === "number" && schema > STATE_SCHEMA_VERSION) throw new LabError("dataFixes.newerState", { path, schema, ours: STATE_SCHEMA_VERSION }, { source: "local" });
    const { value, from } = migrate(data);
    const parsed = LessonStateSchema.safeParse(value);
    if (!parsed.success) return this.quarantine(path, parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
    // A file whose prefix is not its name (copied, renamed) is never acted on: its ids would be someone else's resources.
    if (parsed.data.prefix !== prefix) throw new LabError("usage.stateMismatch", { path, prefix, filePrefix: parsed.data.prefix });
    if (from !== undefined) this.save(parsed.data);
    return { kind: "ok", state: parsed.data, ...(from !== undefined ? { migratedFrom: from } : {}) };
  }

  /** The participant this process last saved (the folder exists and last-participant names them). */
  private savedFor: string | undefined;
  /** What this process last wrote for them, but the time: a save that changes nothing else is skipped. */
  private savedContent: string | undefined;

  save(state: LessonState): void {
    const path = this.pathFor(state.prefix);
    try {
      const first = this.savedFor !== state.prefix;
      const content = JSON.stringify({ ...state, updatedAt: undefined });
      if (!first && content === this.savedContent && existsSync(path)) return;
      if (first) mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      const tmp = `${path}.${process.pid}.tmp`;
      const text = JSON.stringify(state, null, 2) + "\n";
      try {
        writeWholeFile(tmp, text, 0o600);
      } catch (e) {
        // The folder was removed while the lesson ran: make it again.
        if (errnoCode(e) !== "ENOENT") throw e;
        mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
        writeWholeFile(tmp, text, 0o600);
      }
      chmodSync(tmp, 0o600);
      replaceFile(tmp, path);
      if (first) this.saveLast(state.prefix);
      this.savedFor = state.prefix;
      this.savedContent = content;
    } catch (e) {
      throw e instanceof LabError ? e : localFileError(path, e);
    }
  }

  /** Writes `last-participant` beside it and renames over it, so a planted symbolic link is replaced, never written through. */
  private saveLast(prefix: string): void {
    const tmp = `${this.lastPath()}.${process.pid}.tmp`;
    writeWholeFile(tmp, prefix + "\n", 0o600);
    replaceFile(tmp, this.lastPath());
  }

  /** Moves a broken file aside (keeping it) so the lesson can rebuild from the cloud. */
  private quarantine(path: string, problem: string): LoadResult {
    const backupPath = `${path}.corrupt-${new Date().toISOString().replace(/[:.]/g, "-")}`;
    onLocalFile(path, () => renameSync(path, backupPath));
    return { kind: "corrupt", backupPath, problem };
  }
}

/** Brings an older file up to the current schema; `from` is the version it had. */
export function migrate(
  data: unknown,
  migrations: Record<number, Migration> = MIGRATIONS,
  target = STATE_SCHEMA_VERSION,
): { value: unknown; from?: number } {
  if (!data || typeof data !== "object") return { value: data };
  let value = data as Record<string, unknown>;
  const start = typeof value.schema === "number" ? value.schema : 0;
  if (start === target) return { value };
  for (let v = start; v < target; v++) {
    const step = migrations[v];
    if (!step) return { value };
    value = step(value);
  }
  return { value, from: start };
}
