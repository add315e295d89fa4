import { createHash } from "node:crypto";
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
  // The SSE parser the LLM stream example's test reads its stream with.
  { from: "node_modules/eventsource-parser/dist", to: "node_modules/eventsource-parser", keep: (file: string) => file === "index.d.ts" },
];

/** The editor's types as one JSON body, named by its content hash so browsers may keep it for good. */
export interface EditorTypes {
  /** `{ libs: EditorLib[] }` as JSON. */
  json: Buffer;
  /** A hash of `json`, for the bundle's URL. */
  hash: string;
}

let libs: EditorLib[] | undefined;
let cached: EditorTypes | undefined;

/**
 * The declarations and sources the editor's TypeScript sees, so completion, hover
 * and errors work on the chirp API, Node's modules and the test functions: chirp's
 * own sources (the editor resolves `chirp` to `node_modules/chirp/index.ts`),
 * `@types/node`, the vitest stand-in and the SSE parser an example's test uses.
 * Read once per server.
 */
export function editorLibs(root: string): EditorLib[] {
  libs ??= SOURCES.flatMap(({ from, to, keep, rename }) =>
    readdirSync(path.join(root, from), { recursive: true, encoding: "utf8" })
      .filter(keep)
      .sort()
      .map((file) => ({ path: `file:///${to}/${rename ?? file}`, text: readFileSync(path.join(root, from, file), "utf8") })),
  );
  return libs;
}

/** The types the workbench's editor loads ({@link editorLibs}) as one JSON body named by its hash. Made once per server. */
export function editorTypes(root: string): EditorTypes {
  if (cached) return cached;
  const json = Buffer.from(JSON.stringify({ libs: editorLibs(root) }));
  cached = { json, hash: createHash("sha256").update(json).digest("base64url").slice(0, 16) };
  return cached;
}
