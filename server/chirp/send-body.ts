import { hash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { compress, encodingFor, type Compression, type Encoding } from "./compression.ts";

/** A whole answer body, ready to send. */
export interface Body {
  /**
   * The body as it is (identity coding). Text is sent as text: Node then writes
   * it in one piece with the headers, where bytes take a second write.
   */
  bytes: Uint8Array | string;
  /** Its `content-type`, unless the response already has one. */
  type: string;
  /** A validator known in advance (e.g. a file's hash); otherwise one is made from the bytes of a body of {@link ETAG_MIN_BYTES} or more. */
  etag?: string;
  /** Encoded forms known in advance (precompressed files, cached assets); missing ones are made on the fly. */
  encoded?(encoding: Encoding): Promise<Uint8Array | undefined>;
}

/** How an app sends bodies. */
export interface SendSettings {
  compress: Compression | undefined;
  /** Give 200 answers to GET and HEAD an ETag (made for bodies of {@link ETAG_MIN_BYTES} or more) and answer a matching `If-None-Match` with 304. */
  etag: boolean;
}

/**
 * Bodies smaller than this get no ETag made from their bytes: with their headers they
 * fit in one packet, so a `304` in their place would save nothing worth a hash.
 */
export const ETAG_MIN_BYTES = 1024;

/** A weak validator for `bytes` (text counts as its UTF-8): weak, because the same entity goes out under several codings. */
export function weakEtag(bytes: Uint8Array | string): string {
  return `W/"${hash("sha1", bytes, "base64url")}"`;
}

/** True when `If-None-Match` names `etag` (weak comparison, as RFC 9110 asks for GET). */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = etag.replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => {
    const candidate = tag.trim();
    return candidate === "*" || candidate.replace(/^W\//, "") === opaque;
  });
}

/**
 * Ends `response` with `body` under `status`: sets `content-type`, an ETag (and 304
 * when the client has it), the best coding the client accepts for a text body of
 * some size (with `Vary: Accept-Encoding`), and `content-length`. HEAD gets the
 * headers alone. Returns a promise only when the body has to be compressed first:
 * a body that goes as it is has been handed to the socket when this returns.
 */
export function sendBodyNow(request: IncomingMessage, response: ServerResponse, status: number, body: Body, settings: SendSettings): void | Promise<void> {
  const type = String(response.getHeader("content-type") ?? body.type);
  const method = request.method ?? "GET";
  const size = Buffer.byteLength(body.bytes);
  const encoding = encodingFor(request.headers, response, type, size, settings.compress);
  const etag =
    settings.etag && status === 200 && (method === "GET" || method === "HEAD") && !response.hasHeader("etag")
      ? (body.etag ?? (size >= ETAG_MIN_BYTES ? weakEtag(body.bytes) : undefined))
      : undefined;
  if (etag !== undefined) {
    response.setHeader("etag", etag);
    if (matches(request.headers["if-none-match"], etag)) {
      response.removeHeader("content-type");
      response.writeHead(304).end();
      return;
    }
  }
  if (!encoding) return endWith(response, method, status, type, body.bytes, size);
  response.setHeader("content-encoding", encoding);
  const encoded = body.encoded?.(encoding) ?? Promise.resolve(undefined);
  return encoded
    .then((kept) => kept ?? compress(typeof body.bytes === "string" ? Buffer.from(body.bytes) : body.bytes, encoding))
    .then((bytes) => endWith(response, method, status, type, bytes, bytes.byteLength));
}

/** {@link sendBodyNow}, always as a promise. */
export async function sendBody(request: IncomingMessage, response: ServerResponse, status: number, body: Body, settings: SendSettings): Promise<void> {
  return sendBodyNow(request, response, status, body, settings);
}

/** Sends the status line and headers with the bytes (none to HEAD), in one write when the bytes are text. */
function endWith(response: ServerResponse, method: string, status: number, type: string, bytes: Uint8Array | string, size: number): void {
  response.writeHead(status, { "content-type": type, "content-length": size }).end(method === "HEAD" ? undefined : bytes);
}
