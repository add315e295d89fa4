import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from "lz-string";
import type { Files } from "./api.ts";

/** The start of a URL fragment that carries shared files (lz-string's alphabet needs no further escaping). */
const PREFIX = "#code=";

/** A link to `page` that carries `files`, compressed with lz-string in the fragment (never sent to a server). */
export function shareUrl(files: Files, page: URL): string {
  const url = new URL(page);
  url.hash = PREFIX.slice(1) + compressToEncodedURIComponent(JSON.stringify(files));
  return url.href;
}

/** The files a shared link carries, if this page was opened from one. */
export function sharedFiles(hash: string = window.location.hash): Files | undefined {
  if (!hash.startsWith(PREFIX)) return undefined;
  try {
    const value = hash.slice(PREFIX.length);
    const files = JSON.parse(decompressFromEncodedURIComponent(value) ?? "") as unknown;
    if (typeof files !== "object" || files === null) return undefined;
    return Object.fromEntries(Object.entries(files).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
  } catch {
    return undefined;
  }
}
