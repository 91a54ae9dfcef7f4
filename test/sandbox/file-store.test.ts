/**
 * The sandbox account file is shared by every process of a learner (and of a workshop room). The
 * file store keeps the world it last read and parses the file again only when it was replaced:
 * a change by another process must still be seen at once, and a command that fails changes nothing.
 * (What a command returns shares nothing with the account: answers-own-nothing.test.ts.)
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { CorruptWorldError, FileStore } from "../../src/sandbox/store.js";

const fileIn = () => join(mkdtempSync(join(tmpdir(), "pll-store-")), "account.json");
const seqOf = (store: FileStore) => store.transact((w) => w.seq, true);

describe("the sandbox file store", () => {
  it("sees another process's change on the next read", () => {
    const file = fileIn();
    const mine = new FileStore(file);
    const theirs = new FileStore(file);
    mine.transact((w) => void (w.seq = 1));
    expect(seqOf(mine)).toBe(1);
    for (let i = 2; i < 6; i++) {
      theirs.transact((w) => void (w.seq = i));
      expect(seqOf(mine)).toBe(i);
    }
  });

  it("keeps nothing of a command that failed", () => {
    const store = new FileStore(fileIn());
    store.transact((w) => void (w.seq = 7));
    expect(() =>
      store.transact((w) => {
        w.seq = 99;
        throw new Error("InvalidParameterValue");
      }),
    ).toThrow("InvalidParameterValue");
    expect(seqOf(store)).toBe(7);
    expect(seqOf(new FileStore(store.path))).toBe(7);
  });

  it("drops the world a failed command half-changed: the next command starts from the file", () => {
    const store = new FileStore(fileIn());
    store.transact((w) => void (w.seq = 1));
    expect(() =>
      store.transact((w) => {
        w.seq = 50;
        w.accountId = "999999999999";
        throw new Error("DependencyViolation");
      }),
    ).toThrow("DependencyViolation");
    store.transact((w) => void (w.seq += 1));
    expect(seqOf(store)).toBe(2);
    expect(new FileStore(store.path).snapshot()).toMatchObject({ seq: 2, accountId: expect.not.stringMatching(/^9+$/) });
  });

  it("keeps working when its folder was removed meanwhile", () => {
    const store = new FileStore(fileIn());
    store.transact((w) => void (w.seq = 4));
    rmSync(dirname(store.path), { recursive: true });
    store.transact((w) => void (w.seq = 5));
    expect(seqOf(new FileStore(store.path))).toBe(5);
  });

  it("notices a file replaced by hand with a broken one", () => {
    const store = new FileStore(fileIn());
    store.transact((w) => void (w.seq = 3));
    expect(seqOf(store)).toBe(3);
    writeFileSync(store.path, "{ not json");
    expect(() => seqOf(store)).toThrow(CorruptWorldError);
  });
});
