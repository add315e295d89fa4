import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import type { Files } from "./example-files.ts";
import type { Problem } from "../../common/playground-protocol.ts";

/** The sandbox-side programs (files of `child/`): one serves an app, one runs its tests with the stand-in, one with the real vitest. */
export type ChildProgram = "serve.ts" | "test.ts" | "vitest.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CHIRP = fileURLToPath(new URL("../chirp/", import.meta.url));
const CHILD = fileURLToPath(new URL("./child/", import.meta.url));
/** The framework, bundled once and shared by a run's app and its child program. */
const CHIRP_MODULE = "./chirp.mjs";

const COMMON: esbuild.BuildOptions = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  logLevel: "silent",
  sourcemap: "inline",
  write: false,
};

/**
 * `chirp` → the shared bundle; `chirp/testing` (which only type-imports the framework) → its sources
 * bundled in; `chirp/redis` → a stand-in that explains a run cannot reach Redis; `vitest` → the stand-in, bundled in, unless the real vitest runs the file (then it stays an import).
 */
function sandboxModules(vitest: "stand-in" | "real" = "stand-in"): esbuild.Plugin {
  return {
    name: "chirp-sandbox-modules",
    setup(build) {
      build.onResolve({ filter: /^chirp$/ }, () => ({ path: CHIRP_MODULE, external: true }));
      build.onResolve({ filter: /^chirp\/testing$/ }, () => ({ path: path.join(CHIRP, "testing/index.ts") }));
      build.onResolve({ filter: /^chirp\/redis$/ }, () => ({ path: path.join(CHILD, "redis-unavailable.ts") }));
      if (vitest === "stand-in") build.onResolve({ filter: /^vitest$/ }, () => ({ path: path.join(CHILD, "vitest-shim.ts") }));
    },
  };
}

const bundles = new Map<string, Promise<string>>();

/** Bundles `entry` once per server (the framework and the child programs do not change while it runs). */
function bundleOnce(entry: string, plugins: esbuild.Plugin[] = []): Promise<string> {
  let bundle = bundles.get(entry);
  if (!bundle) {
    // Source maps name the project's files by absolute path, wherever the bundle is written.
    const options = { ...COMMON, absWorkingDir: ROOT, sourceRoot: ROOT, entryPoints: [entry], outfile: path.join(ROOT, "out.mjs"), plugins };
    bundle = esbuild.build(options).then((result) => result.outputFiles![0]!.text);
    bundles.set(entry, bundle);
  }
  return bundle;
}

/**
 * Gets `dir` ready for a child: the child program as `entry.mjs` and the
 * framework as `chirp.mjs`, so the child can load both before the user's code exists.
 */
export async function prepareRunDir(dir: string, child: ChildProgram): Promise<void> {
  const [program, chirp] = await Promise.all([bundleOnce(path.join(CHILD, child), [sandboxModules()]), bundleOnce(path.join(CHIRP, "index.ts"))]);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "entry.mjs"), program);
  writeFileSync(path.join(dir, CHIRP_MODULE), chirp);
}

function toProblem(message: esbuild.Message): Problem {
  return {
    file: message.location?.file ?? "",
    line: message.location?.line ?? 1,
    column: message.location?.column ?? 0,
    message: message.text,
  };
}

/**
 * Writes `files` into `dir` and bundles `entry` (`app.ts` or `app.test.ts`) to
 * `<dir>/app.mjs` with esbuild: npm packages left to `node_modules`, `chirp`
 * imported from the shared `chirp.mjs`, `vitest` as `vitest` says. Resolves to the problems found, empty on success.
 */
export async function buildRun(dir: string, files: Files, entry: string, vitest: "stand-in" | "real" = "stand-in"): Promise<Problem[]> {
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  try {
    await esbuild.build({
      ...COMMON,
      write: true,
      absWorkingDir: dir,
      entryPoints: [path.join(dir, entry)],
      outfile: path.join(dir, "app.mjs"),
      plugins: [sandboxModules(vitest)],
    });
    return [];
  } catch (error) {
    const errors = (error as esbuild.BuildFailure).errors;
    if (!Array.isArray(errors)) throw error;
    return errors.map(toProblem);
  }
}
