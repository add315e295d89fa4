import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { IncomingMessage, ServerResponse } from "node:http";

/** URL prefix of the files the framework serves itself. */
export const ASSET_PREFIX = "/_chirp/";

const resolvePackageFile = createRequire(import.meta.url).resolve;

/** The browser files chirp serves from `node_modules`: htmx 2 and its SSE extension. */
const SOURCES: Record<string, string> = {
  "htmx.min.js": "htmx.org/dist/htmx.min.js",
  "htmx.js": "htmx.org/dist/htmx.js",
  "htmx-ext-sse.js": "htmx-ext-sse/dist/sse.js",
};

interface Asset {
  body: Buffer;
  etag: string;
}

const loaded = new Map<string, Asset>();

function load(name: string): Asset | undefined {
  const source = SOURCES[name];
  if (!source) return undefined;
  let asset = loaded.get(name);
  if (!asset) {
    const body = readFileSync(resolvePackageFile(source));
    asset = { body, etag: `"${createHash("sha1").update(body).digest("base64url")}"` };
    loaded.set(name, asset);
  }
  return asset;
}

/** The URL path of a served asset, e.g. `assetUrl("htmx.min.js")` → `/_chirp/htmx.min.js`. */
export function assetUrl(name: keyof typeof SOURCES): string {
  return ASSET_PREFIX + name;
}

/**
 * Answers a request for `/_chirp/<name>`; returns false when `name` is not a chirp asset.
 * Assets are cached by browsers for a week and revalidated by ETag.
 */
export function serveAsset(name: string, request: IncomingMessage, response: ServerResponse): boolean {
  const asset = load(name);
  if (!asset) return false;
  response.setHeader("content-type", "text/javascript; charset=utf-8");
  response.setHeader("cache-control", "public, max-age=604800");
  response.setHeader("etag", asset.etag);
  if (request.headers["if-none-match"] === asset.etag) {
    response.statusCode = 304;
    response.end();
    return true;
  }
  response.setHeader("content-length", asset.body.length);
  response.end(request.method === "HEAD" ? undefined : asset.body);
  return true;
}
