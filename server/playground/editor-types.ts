import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** A declaration or source file for the browser editor, at the path the editor's TypeScript should see it. */
export interface EditorLib {
  path: string;
  text: string;
}

/** Where each package's types come from, and where the editor's TypeScript finds them. */
const SOURCES = [
  { from: "server/chirp", to: "node_modules/chirp", keep: (file: string) => file.endsWith(".ts") && !file.endsWith(".test.ts") },
  { from: "node_modules/@types/node", to: "node_modules/@types/node", keep: (file: string) => file.endsWith(".d.ts") && !file.startsWith("ts5.") },
  // The sandbox's stand-in for vitest: the API the example's test file can use.
  { from: "server/playground/child", to: "node_modules/vitest", keep: (file: string) => file === "vitest-shim.ts", rename: "index.ts" },
];

let cached: EditorLib[] | undefined;

/**
 * The types the workbench's editor loads, so completion, hover and errors work on
 * the chirp API, Node's modules and the test functions: chirp's own sources (the
 * editor resolves `chirp` to `node_modules/chirp/index.ts`), `@types/node`, and the
 * vitest stand-in. Read once per server.
 */
export function editorTypes(root: string): EditorLib[] {
  cached ??= SOURCES.flatMap(({ from, to, keep, rename }) =>
    readdirSync(path.join(root, from), { recursive: true, encoding: "utf8" })
      .filter(keep)
      .sort()
      .map((file) => ({ path: `file:///${to}/${rename ?? file}`, text: readFileSync(path.join(root, from, file), "utf8") })),
  );
  return cached;
}
