import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * The project's layering, read from its import statements: no import cycles, the
 * framework knows nothing of the docs app, and the browser code reaches the server's
 * code only through the neutral `common/` folder.
 */
const ROOT = path.resolve(import.meta.dirname, "..");
const FOLDERS = ["server", "client", "common", "scripts", "examples", "bench"];

/** Every TypeScript file of the project, relative to its root, with `/` separators. */
function projectFiles(): string[] {
  return FOLDERS.flatMap((folder) =>
    readdirSync(path.join(ROOT, folder), { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".ts") && !file.includes("node_modules"))
      .map((file) => `${folder}/${file.split(path.sep).join("/")}`),
  );
}

/** The project files each file imports (static, re-export and literal dynamic imports). */
function importGraph(files: readonly string[]): Map<string, string[]> {
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(path.join(ROOT, file), "utf8"), true, true);
    const targets = importedFiles
      .map(({ fileName }) => fileName)
      .filter((name) => name.startsWith("."))
      .map((name) => path.posix.normalize(path.posix.join(path.posix.dirname(file), name)))
      .filter((target) => known.has(target));
    graph.set(file, targets);
  }
  return graph;
}

/** The strongly connected groups of more than one file (Tarjan), or a file importing itself. */
function cycles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== node);
    if (group.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(group.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

/** The imports from files under `from` into files under any of `forbidden`, as `a -> b` lines. */
function crossings(graph: Map<string, string[]>, from: string, forbidden: readonly string[]): string[] {
  return [...graph].flatMap(([file, targets]) =>
    file.startsWith(from) ? targets.filter((target) => forbidden.some((folder) => target.startsWith(folder))).map((target) => `${file} -> ${target}`) : [],
  );
}

describe("architecture", () => {
  const graph = importGraph(projectFiles());

  it("reads the project's imports", () => {
    expect(graph.get("server/chirp/app.ts")).toContain("server/chirp/router.ts");
  });

  it("has no import cycles", () => {
    expect(cycles(graph)).toEqual([]);
  });

  it("finds a cycle when there is one", () => {
    const looped = new Map([["a.ts", ["b.ts"]], ["b.ts", ["c.ts"]], ["c.ts", ["a.ts"]], ["d.ts", ["a.ts"]]]);
    expect(cycles(looped)).toEqual([["a.ts", "b.ts", "c.ts"]]);
  });

  it("keeps the framework free of the docs app", () => {
    expect(crossings(graph, "server/chirp/", ["server/docs/", "server/playground/", "server/main.ts", "client/", "common/"])).toEqual([]);
  });

  it("lets the browser code reach the server's code only through common/", () => {
    expect(crossings(graph, "client/", ["server/", "scripts/", "bench/"])).toEqual([]);
    expect(crossings(graph, "common/", ["server/docs/", "server/playground/", "server/main.ts", "client/"])).toEqual([]);
  });
});
