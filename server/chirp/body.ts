import type { IncomingMessage } from "node:http";
import { HttpError } from "./http-error.ts";

/** Reads a whole request body, refusing one larger than `limit` bytes with 413. */
export async function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers["content-length"]);
  if (declared > limit) throw new HttpError(413, `request body of ${declared} bytes is over the limit of ${limit}`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, `request body is over the limit of ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Parses a body as JSON; malformed JSON is a 400 that says where it broke. */
export function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch (error) {
    throw new HttpError(400, `request body is not valid JSON: ${(error as Error).message}`);
  }
}

/** Parses an `application/x-www-form-urlencoded` body; other content types are a 415. */
export function parseForm(body: Buffer, contentType: string | undefined): URLSearchParams {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded" && !(type === "" && body.length === 0)) {
    throw new HttpError(415, `form() reads application/x-www-form-urlencoded bodies, got ${type || "no content type"}`);
  }
  return new URLSearchParams(body.toString("utf8"));
}
