import { HttpError } from "chirp";
import { APP_FILE, type Files } from "./example-files.ts";

const SAFE_PATH = /^(?!.*(?:^|\/)\.\.?(?:\/|$))[\w.-]+(?:\/[\w.-]+)*$/;
const MAX_FILES = 50;

/**
 * Checks files sent by a page: a plain object of relative paths (no `..`, no
 * absolute paths) to strings, with an `app.ts`, at most `maxBytes` in all.
 * Throws a 400 `HttpError` naming what is wrong.
 */
export function submittedFiles(value: unknown, maxBytes: number): Files {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new HttpError(400, "files must be an object of path → text.");
  const entries = Object.entries(value);
  if (entries.length > MAX_FILES) throw new HttpError(400, `At most ${MAX_FILES} files can be sent.`);
  let bytes = 0;
  for (const [name, text] of entries) {
    if (!SAFE_PATH.test(name)) throw new HttpError(400, `${JSON.stringify(name)} is not a relative file path.`);
    if (typeof text !== "string") throw new HttpError(400, `The content of ${name} must be text.`);
    bytes += Buffer.byteLength(text);
  }
  if (bytes > maxBytes) throw new HttpError(413, `The files come to ${bytes} bytes; at most ${maxBytes} can run.`);
  if (!entries.some(([name]) => name === APP_FILE)) throw new HttpError(400, `The files must include ${APP_FILE}.`);
  return Object.fromEntries(entries);
}

/** True when `files` are exactly `original`: same paths, same text. */
export function sameFiles(files: Files, original: Files): boolean {
  const names = Object.keys(files);
  return names.length === Object.keys(original).length && names.every((name) => original[name] === files[name]);
}
