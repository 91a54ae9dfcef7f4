/** A loopback TCP server that accepts connections and never answers: an endpoint that hangs. */
import { createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll } from "vitest";

/** Starts one for the test file (before all, closed after all); `port()` is where it listens. */
export function useSilentServer(): { port: () => number } {
  let server: Server;
  let port = 0;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    server = createServer((s) => void sockets.push(s)); // accepts, never answers
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => {
    sockets.forEach((s) => s.destroy());
    server.close();
  });
  return { port: () => port };
}
