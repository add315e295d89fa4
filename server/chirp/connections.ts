import type { IncomingMessage, RequestListener, Server, ServerResponse } from "node:http";
import type { Socket } from "node:net";

/** Closes a server promptly: see {@link serveTracked}. */
export interface ConnectionTracker {
  /** Stops accepting, ends idle connections now and busy ones as their response ends; cuts the rest after `graceMs`. */
  close(graceMs: number): Promise<void>;
}

/**
 * Serves `handler` on `server`, following its connections and how many responses
 * each is serving, so that `close()` can end idle ones at once. Node's own
 * `closeIdleConnections()` leaves alone a connection that has not sent a request yet
 * (clients open those ahead of time), which would hold `close()` up. A request costs
 * no listener array and no closure of its own: the handler is the server's only
 * `request` listener, and one shared function counts each response out.
 */
export function serveTracked(server: Server, handler: RequestListener): ConnectionTracker {
  const busy = new Map<Socket, number>();
  let closing = false;
  server.on("connection", (socket: Socket) => {
    busy.set(socket, 0);
    socket.on("close", () => busy.delete(socket));
  });
  function responseClosed(this: ServerResponse): void {
    const socket = this.req.socket;
    const left = (busy.get(socket) ?? 1) - 1;
    busy.set(socket, left);
    if (closing && left === 0) socket.destroy();
  }
  server.on("request", (request: IncomingMessage, response: ServerResponse) => {
    const socket = request.socket;
    busy.set(socket, (busy.get(socket) ?? 0) + 1);
    response.on("close", responseClosed);
    handler(request, response);
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
