import type { Server } from "node:http";
import type { Socket } from "node:net";

/** Closes a server promptly: see {@link trackConnections}. */
export interface ConnectionTracker {
  /** Stops accepting, ends idle connections now and busy ones as their response ends; cuts the rest after `graceMs`. */
  close(graceMs: number): Promise<void>;
}

/**
 * Follows a server's connections and how many responses each is serving.
 * Node's own `closeIdleConnections()` leaves alone a connection that has not sent
 * a request yet (clients open those ahead of time), which would hold `close()` up.
 */
export function trackConnections(server: Server): ConnectionTracker {
  const busy = new Map<Socket, number>();
  let closing = false;
  server.on("connection", (socket: Socket) => {
    busy.set(socket, 0);
    socket.on("close", () => busy.delete(socket));
  });
  server.on("request", (request, response) => {
    const socket: Socket = request.socket;
    busy.set(socket, (busy.get(socket) ?? 0) + 1);
    response.on("close", () => {
      const left = (busy.get(socket) ?? 1) - 1;
      busy.set(socket, left);
      if (closing && left === 0) socket.destroy();
    });
  });
  return {
    async close(graceMs) {
      closing = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const [socket, count] of busy) if (count === 0) socket.destroy();
      const cut = setTimeout(() => server.closeAllConnections(), graceMs);
      await closed;
      clearTimeout(cut);
    },
  };
}
