/**
 * Keeps the room's data current while someone watches: a read when the account says it changed (debounced: a deploy is
 * dozens of writes), and one every `pollMs` in case a change was not announced. Reads never overlap.
 */
import { errorMessage } from "../../errors.js";
import type { RoomData } from "../room-data.js";
import type { RoomView } from "./render.js";

export interface WatchOptions {
  readRoom: () => Promise<RoomData>;
  onChange?: ((listener: () => void) => () => void) | undefined;
  pollMs: number;
  debounceMs: number;
}

/** The data as compared: without the times of the read itself. */
const sameness = (view: RoomView): string => JSON.stringify({ ...view.data, time: undefined, at: undefined, error: view.error });

export class RoomWatch {
  private view: RoomView = {};
  private key: string | undefined;
  private readonly listeners = new Set<(view: RoomView) => void>();
  private reading: Promise<void> | undefined;
  private again = false;
  private stopTimers: (() => void) | undefined;

  constructor(private readonly o: WatchOptions) {}

  get current(): RoomView {
    return this.view;
  }

  /** One read now (or after the one under way, so what it returns is at least as new as the call). */
  refresh(): Promise<void> {
    if (this.reading) {
      this.again = true;
      return this.reading;
    }
    this.reading = (async () => {
      do {
        this.again = false;
        await this.readOnce();
      } while (this.again);
    })().finally(() => (this.reading = undefined));
    return this.reading;
  }

  private async readOnce(): Promise<void> {
    const next: RoomView = await this.o.readRoom().then(
      (data) => ({ data }),
      (e: unknown) => ({ ...(this.view.data ? { data: this.view.data } : {}), error: errorMessage(e) }),
    );
    const key = sameness(next);
    if (key === this.key) return;
    this.key = key;
    this.view = next;
    for (const l of this.listeners) l(next);
  }

  /** Hears of each change; the first listener starts the watch, the last one gone stops it. */
  listen(listener: (view: RoomView) => void): () => void {
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.start();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  private start(): void {
    let debounce: NodeJS.Timeout | undefined;
    const poke = () => {
      clearTimeout(debounce);
      debounce = setTimeout(() => void this.refresh(), this.o.debounceMs);
    };
    const unsubscribe = this.o.onChange?.(poke);
    const poll = setInterval(() => void this.refresh(), this.o.pollMs);
    poll.unref();
    this.stopTimers = () => {
      clearTimeout(debounce);
      clearInterval(poll);
      unsubscribe?.();
    };
  }

  stop(): void {
    this.stopTimers?.();
    this.stopTimers = undefined;
  }
}
