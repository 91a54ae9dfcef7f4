/**
 * Hands-on in the sandbox: the lesson serves the account on 127.0.0.1 (its own port when free) so the learner's AWS CLI
 * reaches it, says once what to paste into a second terminal, and closes it at the end. On AWS nothing is needed; in a
 * workshop room the learner pastes their join line again there.
 */
import { awsCliAdvice, findAwsCli } from "../aws/cli-version.js";
import { errorMessage } from "../errors.js";
import { publishServed } from "../sandbox/served-file.js";
import type { LessonContext } from "./context.js";
import { announceServed, sayWhetherStillServed, secondTerminalReminder } from "./second-terminal.js";

interface Door {
  reachable: boolean;
  close?: () => Promise<void>;
}

const doors = new WeakMap<LessonContext, Door>();

async function open(ctx: LessonContext): Promise<Door> {
  const sandbox = ctx.clients.sandbox;
  if (!sandbox) return { reachable: false };
  let served: Awaited<ReturnType<typeof import("../sandbox/serve/server.js").serveSandbox>>;
  let ownKeys = false;
  try {
    const [{ serveSandbox }, { sandboxCredentials, preferredPort }, { SqliteStore }] = await Promise.all([
      import("../sandbox/serve/server.js"),
      import("../sandbox/serve/credentials.js"),
      import("../sandbox/account/sqlite-store.js"),
    ]);
    // The account's own key pair (the one `sandbox serve` uses), kept beside its file.
    const credentials = sandbox.store instanceof SqliteStore ? sandboxCredentials(sandbox.store.path) : undefined;
    // On the account's own port when it is free: a shell pointed at it last time still works.
    const port = credentials ? preferredPort(credentials) : 0;
    ownKeys = credentials !== undefined;
    served = await serveSandbox({ sandbox, host: "127.0.0.1", port, anyPortIfTaken: true, ...(credentials ? { credentials } : {}) });
  } catch (err) {
    ctx.io.notify({ type: "notice", level: "warn", message: ctx.t("sandbox-env.lesson.notServed", { reason: errorMessage(err) }) });
    return { reachable: false };
  }
  const target = { url: served.url, region: ctx.state.region, ...served.credentials };
  let unpublish: () => void = () => undefined;
  try {
    if (ctx.servedFile) unpublish = publishServed(ctx.servedFile, target);
  } catch {
    // `sandbox env` will not find it; the lines below still work when pasted.
  }
  announceServed(ctx, target);
  sayWhetherStillServed(ctx, served.url, ownKeys);
  const advice = awsCliAdvice(ctx.t, await findAwsCli(), served.url);
  if (advice) ctx.io.notify({ type: "notice", level: "warn", message: advice });
  return {
    reachable: true,
    close: async () => {
      unpublish();
      await served.close();
    },
  };
}

/** Can the learner act on this account outside the tool? In the sandbox this serves it (once per lesson run). */
export async function learnerCanAct(ctx: LessonContext): Promise<boolean> {
  if (ctx.learnerActsOutside !== undefined) return ctx.learnerActsOutside;
  if (ctx.state.backend === "aws") return true;
  let door = doors.get(ctx);
  if (!door) {
    door = await open(ctx);
    doors.set(ctx, door);
  }
  return door.reachable;
}

/**
 * What sets up the learner's second terminal, where they type the `aws` commands: in the sandbox, the line that points it
 * at the account this lesson serves; in a workshop room (`join` recorded it, and this terminal reaches it), their join line again.
 */
export function secondTerminalText(ctx: LessonContext, outside: boolean): string | undefined {
  if (!outside) return undefined;
  if (ctx.clients.sandbox) return secondTerminalReminder(ctx);
  if (ctx.state.room !== undefined && ctx.servedSandbox === true) return ctx.t("room.join.secondTerminal");
  return undefined;
}

/** The lesson is over (or stopped): the served account closes with it. */
export async function closeDoor(ctx: LessonContext): Promise<void> {
  const door = doors.get(ctx);
  doors.delete(ctx);
  await door?.close?.();
}
