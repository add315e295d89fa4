import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import type { Files } from "./example-files.ts";
import type { Problem } from "./protocol.ts";


/** What to build: the user's files, their entry, and the child program that starts it. */
export interface BuildInput {
  /** The run's folder; must be inside the project so `node_modules` resolves. */
  dir: string;
  files: Files;
  /** The user's entry (`app.ts` or `app.test.ts`), bundled to `<dir>/app.mjs`. */
  entry: string;
  /** The sandbox-side program (a file of `child/`), bundled to `<dir>/entry.mjs`. */
  child: string;
}

const CHIRP = fileURLToPath(new URL("../chirp/", import.meta.url));
const CHILD = fileURLToPath(new URL("./child/", import.meta.url));

/** Resolves `chirp`, `chirp/testing` and `vitest` to source files, so they are bundled in. */
const sandboxModules: esbuild.Plugin = {
  name: "chirp-sandbox-modules",
  setup(build) {
    const targets: Record<string, string> = {
      chirp: path.join(CHIRP, "index.ts"),
      "chirp/testing": path.join(CHIRP, "testing/index.ts"),
      vitest: path.join(CHILD, "vitest-shim.ts"),
    };
    build.onResolve({ filter: /^(chirp(\/testing)?|vitest)$/ }, (args) => ({ path: targets[args.path] }));
  },
};

function toProblem(message: esbuild.Message): Problem {
  return {
    file: message.location?.file ?? "",
    line: message.location?.line ?? 1,
    column: message.location?.column ?? 0,
    message: message.text,
  };
}

/**
 * Writes `files` into `dir` and bundles the entry and the child program with
 * esbuild: the framework bundled in, npm packages left to `node_modules`.
 * Resolves to the problems found, empty when the build succeeded.
 */
export async function buildRun(input: BuildInput): Promise<Problem[]> {
  for (const [name, text] of Object.entries(input.files)) {
    const file = path.join(input.dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  try {
    await esbuild.build({
      absWorkingDir: input.dir,
      entryPoints: { app: path.join(input.dir, input.entry), entry: path.join(CHILD, input.child) },
      outdir: input.dir,
      outExtension: { ".js": ".mjs" },
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      packages: "external",
      plugins: [sandboxModules],
      logLevel: "silent",
      sourcemap: "inline",
    });
    return [];
  } catch (error) {
    const errors = (error as esbuild.BuildFailure).errors;
    if (!Array.isArray(errors)) throw error;
    return errors.map(toProblem);
  }
}
