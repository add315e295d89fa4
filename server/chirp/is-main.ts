import { realpathSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

function real(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

/**
 * True when the module owning `meta` is the program Node was started with,
 * as in `if (isMain(import.meta)) app.run();`.
 */
export function isMain(meta: ImportMeta): boolean {
  const entry = process.argv[1];
  if (!entry || !meta.url.startsWith("file:")) return false;
  const self = real(fileURLToPath(meta.url));
  const started = real(entry);
  if (started === self) return true;
  // `node app` may name the file without its extension.
  return path.extname(started) === "" && self.slice(0, -path.extname(self).length) === started;
}
