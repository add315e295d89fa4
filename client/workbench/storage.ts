import type { Files } from "./api.ts";

const key = (example: string) => `chirp-workbench:${example}`;

/** The edited files of `example` saved in this browser, if any. */
export function savedFiles(example: string): Files | undefined {
  try {
    const text = localStorage.getItem(key(example));
    return text ? (JSON.parse(text) as Files) : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps `files` for `example` across reloads. */
export function saveFiles(example: string, files: Files): void {
  try {
    localStorage.setItem(key(example), JSON.stringify(files));
  } catch {
    // Storage full or disabled: edits then last as long as the page.
  }
}

/** Forgets the saved edits of `example`. */
export function forgetFiles(example: string): void {
  localStorage.removeItem(key(example));
}
