import type { ServerResponse } from "node:http";
import type { RequestHandler } from "express";
import type { SiteHosts } from "../site-hosts.ts";
import type { Run } from "./run.ts";

function refuse(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff" }).end(`${text}\n`);
}

/**
 * Express middleware that routes each request by its Host header: a run's host
 * (`<run-id>.<run-domain>`) to that run's proxy, 404 when no such run is running;
 * the docs server's own names on to the docs; any other Host refused with 403
 * (DNS rebinding, or a request meant for another server). Mounted before any
 * other middleware, so nothing of the docs answers on a run's host.
 */
export function routeByHost(hosts: SiteHosts, runs: { get(id: string): Run | undefined }): RequestHandler {
  return (request, response, next) => {
    const host = request.headers.host;
    const port = request.socket.localPort ?? 0;
    if (hosts.docsOrigin(host, port) !== undefined) return next();
    const id = hosts.runIdOf(host, port);
    if (id === undefined) return refuse(response, 403, `This server does not answer to the host name ${JSON.stringify(host ?? "")}.`);
    if (!runs.get(id)?.serve(request, response)) refuse(response, 404, "There is no such run; it may have ended.");
  };
}
