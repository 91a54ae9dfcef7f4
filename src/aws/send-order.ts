/**
 * Requests to an endpoint on this computer (`sandbox serve`, an emulator) leave in the order they
 * were asked for. The SDK prepares concurrent commands in lockstep (each await lets the next one
 * step in), so a read of five calls puts all five on the wire only when all five are serialized
 * and signed, and the server, which shares this computer's cores, waits meanwhile. Here one
 * command at a time is prepared, from the start of its middleware to the moment it is handed to
 * the transport: the first is answered while the next is being signed.
 *
 * Only for a loopback endpoint: on AWS the network's milliseconds dwarf the preparing, and a
 * command the SDK holds back (its adaptive retry waits out throttling before sending) must not
 * hold back the others.
 */

interface OrderableClient {
  middlewareStack: {
    add(mw: never, options: { step: "initialize"; priority: "high"; name: string }): void;
    add(mw: never, options: { step: "deserialize"; priority: "low"; name: string }): void;
  };
}

/** One queue for all the clients of a command run: each request waits for the one asked for before it to be sent. */
export interface SendQueue {
  last: Promise<void>;
}

export const sendQueue = (): SendQueue => ({ last: Promise.resolve() });

type Next = (args: object) => Promise<unknown>;
interface Turn {
  end?: () => void;
}
/** The command's turn, carried on its arguments (each middleware passes them on, spread). */
const TURN = Symbol("privatelinkLabTurn");
type WithTurn = { [TURN]?: Turn };

/** Adds the ordering to a client (all the clients of one set share `queue`); returns the same client. */
export function sendInOrder<C extends OrderableClient>(client: C, queue: SendQueue): C {
  const begin = (next: Next) => async (args: object) => {
    const before = queue.last;
    const turn: Turn = {};
    queue.last = new Promise<void>((resolve) => (turn.end = resolve));
    try {
      await before;
      return await next({ ...args, [TURN]: turn });
    } finally {
      turn.end?.(); // (a command that failed before it was sent)
    }
  };
  // Just before the transport: the request is ready, the next one may be prepared. (A retry passes here again: nothing left to end.)
  const sent = (next: Next) => (args: object & WithTurn) => {
    const turn = args[TURN];
    turn?.end?.();
    if (turn) turn.end = undefined;
    return next(args);
  };
  client.middlewareStack.add(begin as never, { step: "initialize", priority: "high", name: "privatelinkLabSendOrder" });
  client.middlewareStack.add(sent as never, { step: "deserialize", priority: "low", name: "privatelinkLabSent" });
  return client;
}
