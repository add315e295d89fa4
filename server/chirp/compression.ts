import type { IncomingHttpHeaders, ServerResponse } from "node:http";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import { vary } from "./vary.ts";

/** A content coding chirp can send. */
export type Encoding = "br" | "gzip";

/** How answers are compressed: `AppConfig({ compress })`. */
export interface CompressOptions {
  /** Bodies smaller than this many bytes go as they are. Default 1024. */
  minBytes?: number;
}

/** Resolved compression settings; `undefined` means off. */
export interface Compression {
  readonly minBytes: number;
}

/** The default: compress text of 1 KiB and more. */
export const DEFAULT_COMPRESSION: Compression = Object.freeze({ minBytes: 1024 });

/** Resolves `AppConfig`'s `compress` setting. */
export function resolveCompression(option: boolean | CompressOptions | undefined): Compression | undefined {
  if (option === false) return undefined;
  if (option === undefined || option === true) return DEFAULT_COMPRESSION;
  const minBytes = option.minBytes ?? DEFAULT_COMPRESSION.minBytes;
  if (!(Number.isInteger(minBytes) && minBytes >= 0)) throw new RangeError(`AppConfig compress.minBytes must be a non-negative integer, got ${String(option.minBytes)}`);
  return Object.freeze({ minBytes });
}

/**
 * Types worth compressing: text, the textual application types, SVG and uncompressed fonts. Event streams
 * are left out on purpose: a compressor holds bytes back until it has a block's
 * worth, and an event must leave the moment it is written.
 */
const COMPRESSIBLE = /^(?:text\/(?!event-stream)|application\/(?:json|javascript|xml|wasm|manifest\+json|[\w.-]+\+(?:json|xml))|image\/svg\+xml|font\/(?:ttf|otf))/i;

/** True for a `content-type` whose bodies compress well (never `text/event-stream`). */
export function isCompressible(contentType: string): boolean {
  return COMPRESSIBLE.test(contentType);
}

/** The coding to use for a request's `Accept-Encoding`: brotli, else gzip, else none. Honours `q=0` and `*`. */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding | undefined {
  if (!acceptEncoding) return undefined;
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.split(",")) {
    const [name = "", ...parameters] = part.trim().toLowerCase().split(";");
    const q = parameters.map((parameter) => parameter.trim()).find((parameter) => parameter.startsWith("q="));
    weights.set(name.trim(), q === undefined ? 1 : Number(q.slice(2)) || 0);
  }
  const weight = (coding: Encoding) => weights.get(coding) ?? weights.get("*") ?? 0;
  const [br, gz] = [weight("br"), weight("gzip")];
  if (br > 0 && br >= gz) return "br";
  return gz > 0 ? "gzip" : undefined;
}

const compressors = { br: promisify(brotliCompress), gzip: promisify(gzip) };

/** Brotli quality for bodies made per request: close to gzip -9 in size at a fraction of brotli's default cost. */
const FAST_BROTLI = 5;
/** Above this size, brotli's best quality (11) takes seconds; quality 9 is a few percent larger and far quicker. */
const BEST_BROTLI_MAX_BYTES = 1024 * 1024;

/**
 * `body` in `encoding`. `effort` "fast" suits bodies made per request; "small" suits
 * files compressed once and kept (built assets, the framework's own scripts).
 */
export function compress(body: Uint8Array, encoding: Encoding, effort: "fast" | "small" = "fast"): Promise<Buffer> {
  if (encoding === "gzip") return compressors.gzip(body, { level: effort === "small" ? 9 : 6 });
  const quality = effort === "fast" ? FAST_BROTLI : body.byteLength <= BEST_BROTLI_MAX_BYTES ? constants.BROTLI_MAX_QUALITY : 9;
  return compressors.br(body, { params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength } });
}

/** A file compressed once, at the best quality, and kept for every later request. */
export function keptEncodings(bytes: Uint8Array): (encoding: Encoding) => Promise<Uint8Array> {
  const kept = new Map<Encoding, Promise<Uint8Array>>();
  return (encoding) => {
    let encoded = kept.get(encoding);
    if (!encoded) kept.set(encoding, (encoded = compress(bytes, encoding, "small")));
    return encoded;
  };
}

/**
 * Which coding an answer of `contentType` and `size` bytes should go in: undefined
 * when compression is off, the type is not text, the body is small or the client
 * asked for none. Sets `Vary: Accept-Encoding` whenever the answer depends on it.
 */
export function encodingFor(
  headers: IncomingHttpHeaders,
  response: ServerResponse,
  contentType: string,
  size: number,
  compression: Compression | undefined,
): Encoding | undefined {
  if (!compression || size < compression.minBytes || !isCompressible(contentType) || response.hasHeader("content-encoding")) return undefined;
  vary(response, ["Accept-Encoding"]);
  return chooseEncoding(headers["accept-encoding"] as string | undefined);
}
