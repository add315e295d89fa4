import http from "node:http";
import path from "node:path";
import { App, silentLogger, AppConfig } from "chirp";
import type { SiteHosts } from "../../server/site-hosts.ts";
import { registerPlayground, type FeedMessage, type Isolation, type Limits, type Playground, type PublicMode } from "../../server/playground/index.ts";

/** A docs-like server with the playground mounted, on an ephemeral loopback port. */
export interface Harness {
  base: string;
  port: number;
  playground: Playground;
  /** A request with the docs app's own Host, Origin, fetch metadata and token unless `headers` override them (`null` drops one). */
  request(method: string, path: string, options?: { body?: unknown; headers?: Record<string, string | null> }): Promise<Answer>;
  close(): Promise<void>;
}

/** A finished response. */
export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json<T = Record<string, unknown>>(): T;
}

export const ROOT = path.resolve(import.meta.dirname, "../..");

/** The folder a harness named `name` builds its runs in, apart from other test files running at the same time. */
export function runsDir(name: string): string {
  return path.join(ROOT, ".cache", "runs", `test-${name}`);
}

/** The fetch metadata Chromium adds to the docs page's own `fetch()` calls. */
export const BROWSER_FETCH = { "sec-fetch-site": "same-origin", "sec-fetch-mode": "cors", "sec-fetch-dest": "empty" };

/** Sends one HTTP request with exactly the given headers. */
export function send(url: string, method: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, headers }, (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text, json: () => JSON.parse(text) }));
    });
    request.on("error", reject);
    request.end(body);
  });
}

/** Starts a harness named `name` (its runs folder); `limits`, `readOnly`, `publicMode`, `isolation` and `hosts` as for `registerPlayground`. */
export async function startHarness(name: string, options: { limits?: Partial<Limits>; readOnly?: boolean; publicMode?: Partial<PublicMode>; isolation?: Isolation; hosts?: SiteHosts } = {}): Promise<Harness> {
  const app = new App({ config: new AppConfig({ logger: silentLogger }) });
  const playground = registerPlayground(app, { root: ROOT, runsDir: runsDir(name), env: { SSE_DELAY: "0.05" }, ...options });
  const listening = await app.listen({ port: 0 });
  const host = `127.0.0.1:${listening.port}`;
  return {
    base: listening.url,
    port: listening.port,
    playground,
    request(method, target, { body, headers = {} } = {}) {
      const all: Record<string, string | null> = {
        host,
        origin: `http://${host}`,
        ...BROWSER_FETCH,
        "x-chirp-token": playground.token,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      };
      const kept = Object.fromEntries(Object.entries(all).filter((entry): entry is [string, string] => entry[1] !== null));
      return send(new URL(target, listening.url).href, method, kept, body === undefined ? undefined : JSON.stringify(body));
    },
    async close() {
      await playground.close();
      await listening.close();
    },
  };
}

/**
 * Reads a run's feed until `until` is true of a message (or the feed ends); resolves to every message read.
 * With `lastEventId`, the feed is asked to resume after that message, as a browser's reconnecting EventSource does.
 */
export async function readFeed(harness: Harness, id: string, until: (message: FeedMessage) => boolean, timeoutMs = 15_000, lastEventId?: string): Promise<FeedMessage[]> {
  const messages: FeedMessage[] = [];
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(new URL(`/api/runs/${id}/feed?token=${harness.playground.token}`, harness.base), {
      signal: controller.signal,
      headers: lastEventId === undefined ? BROWSER_FETCH : { ...BROWSER_FETCH, "last-event-id": lastEventId },
    });
    const decoder = new TextDecoder();
    const reader = response.body!.getReader();
    let buffer = "";
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      buffer += decoder.decode(chunk.value, { stream: true });
      for (let end = buffer.indexOf("\n\n"); end !== -1; end = buffer.indexOf("\n\n")) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split("\n").find((line) => line.startsWith("data: "));
        if (!data) continue;
        const message = JSON.parse(data.slice(6)) as FeedMessage;
        messages.push(message);
        if (until(message)) return messages;
      }
    }
    return messages;
  } catch (error) {
    if (controller.signal.aborted) throw new Error(`feed of ${id} timed out; got ${JSON.stringify(messages.map((m) => m.type))}`);
    throw error;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}
