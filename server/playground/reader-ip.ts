import type { IncomingMessage } from "node:http";

/**
 * The IP a request comes from, for public mode's per-IP limits: the socket's
 * address, or, when `trustProxy` is set (the server sits behind a reverse proxy
 * that appends the client's address to `X-Forwarded-For`), that header's last
 * hop: the one the trusted proxy wrote. Earlier hops are the client's own word,
 * so they are never read.
 */
export function readerIp(request: IncomingMessage, trustProxy: boolean): string {
  const forwarded = request.headers["x-forwarded-for"];
  const last = trustProxy && typeof forwarded === "string" ? forwarded.split(",").at(-1)?.trim() : undefined;
  return last || request.socket.remoteAddress || "unknown";
}
