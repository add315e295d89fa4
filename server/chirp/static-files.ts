import { readFile, stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import type { Encoding } from "./compression.ts";
import { sendBody, type SendSettings } from "./send-body.ts";

/** How a folder is served by `app.static()`. */
export interface StaticOptions {
  /** The names carry a content hash: browsers keep each file for a year without asking again. */
  immutable?: boolean;
  /** Otherwise, seconds a browser may use a file before revalidating it (by ETag). Default 0. */
  maxAgeSeconds?: number;
}

/** Content types by file extension; anything else is `application/octet-stream`. */
const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".html": "text/html; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".ttf": "font/ttf",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".wasm": "application/wasm",
};

/** File name endings of the precompressed copies a build may leave beside a file. */
const PRECOMPRESSED: Record<Encoding, string> = { br: ".br", gzip: ".gz" };

/** Reads `file` if it exists, else undefined. */
async function readIfPresent(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch {
    return undefined;
  }
}

/**
 * A folder served under a URL prefix: each file with its type, an ETag, the cache
 * lifetime asked for, and compressed as the client accepts, from the `.br` / `.gz`
 * copy beside it when a build made one.
 */
export class StaticFiles {
  readonly #root: string;
  readonly #cacheControl: string;

  constructor(
    /** The URL prefix, ending in `/`. */
    readonly prefix: string,
    dir: string,
    options: StaticOptions = {},
  ) {
    if (!prefix.startsWith("/")) throw new TypeError(`static prefix must start with "/", got ${JSON.stringify(prefix)}`);
    this.#root = path.resolve(dir);
    this.#cacheControl = options.immutable ? "public, max-age=31536000, immutable" : `public, max-age=${options.maxAgeSeconds ?? 0}`;
  }

  /** The file `pathname` names inside the folder, or undefined when it names none (or leaves the folder). */
  #locate(pathname: string): string | undefined {
    let name: string;
    try {
      name = decodeURIComponent(pathname.slice(this.prefix.length));
    } catch {
      return undefined;
    }
    if (name.includes("\0")) return undefined;
    const file = path.resolve(this.#root, name);
    return file.startsWith(this.#root + path.sep) ? file : undefined;
  }

  /** Answers GET or HEAD for a file under the prefix; false (nothing sent) when there is no such file. */
  async serve(pathname: string, request: IncomingMessage, response: ServerResponse, settings: SendSettings): Promise<boolean> {
    const method = request.method ?? "GET";
    const file = (method === "GET" || method === "HEAD") && this.#locate(pathname);
    if (!file) return false;
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) return false;
    const bytes = await readFile(file);
    response.setHeader("cache-control", this.#cacheControl);
    await sendBody(
      request,
      response,
      200,
      {
        bytes,
        type: TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream",
        etag: `W/"${info.size.toString(36)}-${Math.floor(info.mtimeMs).toString(36)}"`,
        encoded: (encoding) => readIfPresent(file + PRECOMPRESSED[encoding]),
      },
      { ...settings, etag: true },
    );
    return true;
  }
}
