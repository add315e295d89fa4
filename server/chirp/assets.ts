import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { IncomingMessage, ServerResponse } from "node:http";
import { keptEncodings } from "./compression.ts";
import { sendBody, weakEtag, type Body, type SendSettings } from "./send-body.ts";
import type { HtmxVersion } from "./htmx-version.ts";

/** URL prefix of the files the framework serves itself. */
export const ASSET_PREFIX = "/_chirp/";

const resolvePackageFile = createRequire(import.meta.url).resolve;

/**
 * The browser files chirp serves from `node_modules`: htmx 2 and its SSE extension,
 * and htmx 4 (the `htmx4` alias of `htmx.org@4`) and its `hx-sse` extension.
 */
const SOURCES = {
  "htmx.min.js": "htmx.org/dist/htmx.min.js",
  "htmx.js": "htmx.org/dist/htmx.js",
  "htmx-ext-sse.js": "htmx-ext-sse/dist/sse.js",
  "htmx4.min.js": "htmx4/dist/htmx.min.js",
  "htmx4.js": "htmx4/dist/htmx.js",
  "hx-sse.js": "htmx4/dist/ext/hx-sse.js",
} as const;

/** The name of a file chirp serves under `/_chirp/`. */
export type AssetName = keyof typeof SOURCES;

/** The files that load htmx and its SSE support, per htmx version, in load order. */
const HTMX_SCRIPTS: Record<HtmxVersion, readonly AssetName[]> = {
  2: ["htmx.min.js", "htmx-ext-sse.js"],
  4: ["htmx4.min.js", "hx-sse.js"],
};

const loaded = new Map<string, Body>();

function isAssetName(name: string): name is AssetName {
  return Object.hasOwn(SOURCES, name);
}

function load(name: string): Body | undefined {
  if (!isAssetName(name)) return undefined;
  const source = SOURCES[name];
  let asset = loaded.get(name);
  if (!asset) {
    const bytes = readFileSync(resolvePackageFile(source));
    asset = { bytes, type: "text/javascript; charset=utf-8", etag: weakEtag(bytes), encoded: keptEncodings(bytes) };
    loaded.set(name, asset);
  }
  return asset;
}

/** The URL path of a served asset, e.g. `assetUrl("htmx.min.js")` → `/_chirp/htmx.min.js`. */
export function assetUrl(name: AssetName): string {
  return ASSET_PREFIX + name;
}

/** The `<script>` tags that load htmx `version` and its SSE extension from chirp's own files. */
export function htmxScripts(version: HtmxVersion): string {
  return HTMX_SCRIPTS[version].map((name) => `<script src="${assetUrl(name)}"></script>`).join("\n");
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
