import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { IncomingMessage, ServerResponse } from "node:http";
import { keptEncodings } from "./compression.ts";
import { sendBody, weakEtag, type Body, type SendSettings } from "./send-body.ts";

/** URL prefix of the files the framework serves itself. */
export const ASSET_PREFIX = "/_chirp/";

const resolvePackageFile = createRequire(import.meta.url).resolve;

/** The browser files chirp serves from `node_modules`: htmx 2 and its SSE extension. */
const SOURCES: Record<string, string> = {
  "htmx.min.js": "htmx.org/dist/htmx.min.js",
  "htmx.js": "htmx.org/dist/htmx.js",
  "htmx-ext-sse.js": "htmx-ext-sse/dist/sse.js",
};

const loaded = new Map<string, Body>();

function load(name: string): Body | undefined {
  const source = SOURCES[name];
  if (!source) return undefined;
  let asset = loaded.get(name);
  if (!asset) {
    const bytes = readFileSync(resolvePackageFile(source));
    asset = { bytes, type: "text/javascript; charset=utf-8", etag: weakEtag(bytes), encoded: keptEncodings(bytes) };
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
 * Assets are cached by browsers for a week and revalidated by ETag; they are
 * compressed once and the compressed bytes kept.
 */
export function serveAsset(name: string, request: IncomingMessage, response: ServerResponse, settings: SendSettings): Promise<void> | undefined {
  const asset = load(name);
  if (!asset) return undefined;
  response.setHeader("cache-control", "public, max-age=604800");
  return sendBody(request, response, 200, asset, { ...settings, etag: true });
}
