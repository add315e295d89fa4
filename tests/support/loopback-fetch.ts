import dns from "node:dns";
import http from "node:http";
import type { LookupFunction } from "node:net";
import { Readable } from "node:stream";

/** Resolves `localhost` and every `*.localhost` name to 127.0.0.1, as browsers do (Node's resolver leaves `*.localhost` to the system, which may not know it). */
export const loopbackLookup: LookupFunction = (hostname, options, callback) => {
  if (hostname === "localhost" || hostname.endsWith(".localhost")) {
    if (options.all) (callback as unknown as (error: null, addresses: dns.LookupAddress[]) => void)(null, [{ address: "127.0.0.1", family: 4 }]);
    else callback(null, "127.0.0.1", 4);
    return;
  }
  dns.lookup(hostname, options, callback);
};

/** Statuses whose response has no body (a `Response` refuses one). */
const NO_BODY = new Set([101, 204, 205, 304]);

/**
 * `fetch()` for a run's address (`http://<id>.run.localhost:<port>/`): a plain
 * HTTP/1.1 request with exactly `init.headers`, its name resolved by
 * {@link loopbackLookup}; the response streams as it arrives.
 */
export function fetchLoopback(url: string | URL, init: { method?: string; headers?: Record<string, string> } = {}): Promise<Response> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: init.method ?? "GET", headers: init.headers, lookup: loopbackLookup }, (answer) => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(answer.headers)) for (const one of [value ?? []].flat()) headers.append(name, one);
      const status = answer.statusCode ?? 0;
      const body = NO_BODY.has(status) ? null : (Readable.toWeb(answer) as ReadableStream<Uint8Array>);
      resolve(new Response(body, { status, headers }));
    });
    request.on("error", reject);
    request.end();
  });
}
