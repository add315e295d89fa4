import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from "lz-string";
import type { Files } from "./api.ts";

/** The start of a URL fragment that carries shared files (lz-string's alphabet needs no further escaping). */
const PREFIX = "#code=";

/**
 * This page's address for other people: its canonical one (on the server's
 * `--public-url`) when it has one, else the one it was opened at; no fragment.
 */
export function pageAddress(): URL {
  const url = new URL(document.querySelector<HTMLLinkElement>('link[rel="canonical"]')?.href ?? location.href);
  url.hash = "";
  return url;
}

/** Whether `url` opens only on the machine it was made on: its host is a loopback name (`127.0.0.1`, `[::1]`, `localhost`, `*.localhost`). */
export function onThisMachineOnly(url: URL): boolean {
  return /^(127(\.\d{1,3}){3}|\[::1\]|(.+\.)?localhost)$/.test(url.hostname);
}

/** A link to `page` that carries `files`, compressed with lz-string in the fragment (never sent to a server). */
export function shareUrl(files: Files, page: URL = pageAddress()): string {
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
