import { createHash } from "node:crypto";
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
  /** A validator known in advance (e.g. a file's hash); otherwise one is made from the bytes. */
  etag?: string;
  /** Encoded forms known in advance (precompressed files, cached assets); missing ones are made on the fly. */
  encoded?(encoding: Encoding): Promise<Uint8Array | undefined>;
}

/** How an app sends bodies. */
export interface SendSettings {
  compress: Compression | undefined;
  /** Give 200 answers to GET and HEAD an ETag and answer a matching `If-None-Match` with 304. */
  etag: boolean;
}

/** A weak validator for `bytes` (text counts as its UTF-8): weak, because the same entity goes out under several codings. */
export function weakEtag(bytes: Uint8Array | string): string {
  return `W/"${createHash("sha1").update(bytes).digest("base64url")}"`;
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
 * headers alone.
 */
export async function sendBody(request: IncomingMessage, response: ServerResponse, status: number, body: Body, settings: SendSettings): Promise<void> {
  if (!response.hasHeader("content-type")) response.setHeader("content-type", body.type);
  const type = String(response.getHeader("content-type"));
  const method = request.method ?? "GET";
  const encoding = encodingFor(request.headers, response, type, Buffer.byteLength(body.bytes), settings.compress);
  if (settings.etag && status === 200 && (method === "GET" || method === "HEAD") && !response.hasHeader("etag")) {
    const etag = body.etag ?? weakEtag(body.bytes);
    response.setHeader("etag", etag);
    if (matches(request.headers["if-none-match"], etag)) {
      response.statusCode = 304;
      response.removeHeader("content-type");
      response.end();
      return;
    }
  }
  let bytes = body.bytes;
  if (encoding) {
    bytes = (await body.encoded?.(encoding)) ?? (await compress(typeof bytes === "string" ? Buffer.from(bytes) : bytes, encoding));
    response.setHeader("content-encoding", encoding);
  }
  response.setHeader("content-length", Buffer.byteLength(bytes));
  response.statusCode = status;
  response.end(method === "HEAD" ? undefined : bytes);
}
