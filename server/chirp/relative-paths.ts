import path from "node:path";
import { pathToFileURL } from "node:url";

/**
 * `text` (an error's stack, a file name) with paths inside `base` (the working
 * directory) written relative to it, file URLs included: `templates/feed.html:12`,
 * as people name their files, not `/home/…/project/templates/feed.html:12`.
 */
export function relativePaths(text: string, base = process.cwd()): string {
  const folder = path.join(base, path.sep);
  return text.replaceAll(pathToFileURL(folder).href, "").replaceAll(folder, "");
}
