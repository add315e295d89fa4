import type { IncomingMessage, ServerResponse } from "node:http";
import type { RequestHandler } from "express";
import type { SiteHosts } from "../site-hosts.ts";
import type { Refusal } from "./ip-limits.ts";
import type { Run } from "./run.ts";

/** Lets a request through to a run (it may count it until its response closes), or says why not: public mode's per-IP limit. */
export type Admit = (request: IncomingMessage, response: ServerResponse) => Refusal | undefined;

function refuse(response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { ...headers, "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff" }).end(`${text}\n`);
}

/**
 * Express middleware that routes each request by its Host header: a run's host
 * (`<run-id>.<run-domain>`) to that run's proxy, 404 when no such run is running;
 * the docs server's own names on to the docs; any other Host refused with 403
 * (DNS rebinding, or a request meant for another server). Mounted before any
 * other middleware, so nothing of the docs answers on a run's host. `admit`, if
 * given, is asked before a run answers: a refusal is sent as a 429.
 */
export function routeByHost(hosts: SiteHosts, runs: { get(id: string): Run | undefined }, admit?: Admit): RequestHandler {
  return (request, response, next) => {
    const host = request.headers.host;
    const port = request.socket.localPort ?? 0;
    if (hosts.docsOrigin(host, port) !== undefined) return next();
    const id = hosts.runIdOf(host, port);
    if (id === undefined) return refuse(response, 403, `This server does not answer to the host name ${JSON.stringify(host ?? "")}.`);
    const run = runs.get(id);
    const refusal = run && admit?.(request, response);
    if (refusal) return refuse(response, 429, refusal.message, { "retry-after": String(refusal.retryAfter) });
    if (!run?.serve(request, response)) refuse(response, 404, "There is no such run; it may have ended.");
  };
}
