import { timingSafeEqual } from "node:crypto";
import { HttpError, type ChirpRequest } from "chirp";
import type { SiteHosts } from "../site-hosts.ts";

/** The header that carries the per-server token (EventSource, which cannot set headers, uses `?token=`). */
export const TOKEN_HEADER = "x-chirp-token";

function sameToken(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Refuses (403) a request that does not come from the docs app's page in a browser:
 * its `Host` must be one of the docs server's own names (its loopback names and
 * port, or its public URL's host: this defeats DNS rebinding), its `Origin` the
 * docs origin of that host (required when `write` is set, as browsers always send
 * it on POST and DELETE), it must carry the fetch metadata a browser adds to the
 * page's own requests (`Sec-Fetch-Site: same-origin` and a
 * `Sec-Fetch-Mode`: a program's plain request has none), and, when `token` is
 * given, it must carry the token. A program that forges all of these is kept
 * away by the run isolation, not by this check.
 */
export function guard(request: ChirpRequest, hosts: SiteHosts, options: { token?: string; write?: boolean }): void {
  const own = hosts.docsOrigin(request.headers.host, request.raw.socket.localPort ?? 0);
  if (own === undefined) throw new HttpError(403, "The run API answers only on the docs server's own address.");
  const origin = request.headers.origin;
  if (origin === undefined ? options.write : origin !== own) throw new HttpError(403, "The run API answers only the docs app's own pages.");
  if (request.headers["sec-fetch-site"] !== "same-origin" || request.headers["sec-fetch-mode"] === undefined) {
    throw new HttpError(403, "The run API answers only the docs app's own pages, in a browser.");
  }
  if (options.token === undefined) return;
  const header = request.headers[TOKEN_HEADER];
  const given = typeof header === "string" ? header : request.query.token;
  if (typeof given !== "string" || !sameToken(given, options.token)) throw new HttpError(403, "This request lacks the docs server's run token.");
}
