import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { HttpError } from "chirp";

/** An example's files by relative path (`app.ts`, `templates/feed.html`), in display order. */
export type Files = Record<string, string>;

/** The entry every example has. */
export const APP_FILE = "app.ts";
/** The test file the Test button runs. */
export const TEST_FILE = "app.test.ts";

const EXAMPLE_NAME = /^[a-z0-9][a-z0-9_-]*$/i;
/** Files of an example that are not part of its code. */
const SKIPPED = new Set(["README.md"]);

function rank(file: string): number {
  if (file === APP_FILE) return 0;
  if (file.endsWith(".test.ts")) return 3;
  return file.includes("/") ? 2 : 1;
}

function walk(dir: string, prefix = ""): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const relative = prefix + entry.name;
    if (entry.isDirectory()) return walk(path.join(dir, entry.name), `${relative}/`);
    return entry.isFile() && !SKIPPED.has(relative) ? [relative] : [];
  });
}

/** The names of the examples under `<root>/examples/` that have an `app.ts`. */
export function exampleNames(root: string): string[] {
  const dir = path.join(root, "examples");
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => EXAMPLE_NAME.test(name) && existsSync(path.join(dir, name, APP_FILE)))
    .sort();
}

/**
 * The files of example `name`: `app.ts` first, other modules, templates and
 * assets, the test file last. Throws a 404 `HttpError` for an unknown example.
 */
export function readExample(root: string, name: string): Files {
  const dir = path.join(root, "examples", name);
  if (!EXAMPLE_NAME.test(name) || !existsSync(path.join(dir, APP_FILE)) || !statSync(dir).isDirectory()) {
    throw new HttpError(404, `There is no example named ${JSON.stringify(name)}.`);
  }
  const names = walk(dir).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return Object.fromEntries(names.map((file) => [file, readFileSync(path.join(dir, file), "utf8")]));
}
