import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { RequestHandler } from "express";
import type { App } from "chirp";

/** How the pages reach the browser code: the tags for `<head>` and what serves the files. */
export interface FrontEnd {
  /** HTML for the page head: the stylesheet and the docs shell's module script. */
  head(): string;
  /** Adds what serves the built (or, in dev, transformed) files to `app`. */
  mount(app: App): void;
}

/** Pages without browser code, for tests of the server side. */
export const NO_FRONT_END: FrontEnd = { head: () => "", mount() {} };

/** The Vite entry of the docs shell. */
export const SHELL_ENTRY = "client/main.ts";
/** The folders of code the browser bundle is built from: its own and the code it shares with the server. */
const BUILD_FOLDERS = ["client", "common"];
/** What else the build depends on: its config and the Vite plugin that precompresses its output. */
const BUILD_INPUTS = ["vite.config.ts", "package.json", "server/docs/precompress.ts", "server/chirp/compression.ts"];
const OUT_DIR = "dist";
const STAMP = "dist/.vite/source-hash";
const LOCK = ".cache/front-end-build.lock";
/** A lock older than this belongs to a build that died. */
const STALE_LOCK_MS = 120_000;

/** A hash of every file the front-end build reads, to tell whether `dist/` is stale. */
function sourceHash(root: string): string {
  const hash = createHash("sha256");
  const sourceFiles = BUILD_FOLDERS.flatMap((folder) => readdirSync(path.join(root, folder), { recursive: true, encoding: "utf8" }).map((file) => path.join(folder, file)));
  for (const file of [...sourceFiles.sort(), ...BUILD_INPUTS]) {
    const absolute = path.join(root, file);
    if (!existsSync(absolute) || statSync(absolute).isDirectory()) continue;
    hash.update(file).update("\0").update(readFileSync(absolute)).update("\0");
  }
  return hash.digest("hex");
}

function isFresh(root: string, hash: string): boolean {
  const stamp = path.join(root, STAMP);
  return existsSync(stamp) && readFileSync(stamp, "utf8") === hash;
}

/** Takes a directory lock so that two processes never build into `dist/` at once. */
async function withLock<T>(root: string, work: () => Promise<T>): Promise<T> {
  const lock = path.join(root, LOCK);
  mkdirSync(path.dirname(lock), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      const held = statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
      await sleep(200);
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Builds the front end with Vite when `dist/` is missing or older than its sources; prints one progress line. */
export async function ensureFrontEndBuilt(root: string, log: (line: string) => void = console.log): Promise<void> {
  await withLock(root, async () => {
    const hash = sourceHash(root);
    if (isFresh(root, hash)) return;
    const started = performance.now();
    log(`chirp docs: building the front end (${existsSync(path.join(root, STAMP)) ? "sources changed" : "no build yet"})…`);
    const { build } = await import("vite");
    await build({ root, configFile: path.join(root, "vite.config.ts"), logLevel: "error" });
    writeFileSync(path.join(root, STAMP), hash);
    log(`chirp docs: front end built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  });
}

interface ManifestEntry {
  file: string;
  css?: string[];
}

/** The head tags of the build in `dir`, from Vite's manifest. */
function manifestHead(dir: string): string {
  const manifest = JSON.parse(readFileSync(path.join(dir, ".vite/manifest.json"), "utf8")) as Record<string, ManifestEntry>;
  const entry = manifest[SHELL_ENTRY];
  if (!entry) throw new Error(`the front-end build has no entry ${SHELL_ENTRY}; delete ${OUT_DIR}/ and start again`);
  const styles = (entry.css ?? []).map((file) => `<link rel="stylesheet" href="/${file}">`);
  return [...styles, `<script type="module" src="/${entry.file}"></script>`].join("\n");
}

/**
 * The built front end: tags from Vite's manifest, hashed files served for a year
 * (compressed from the build's `.br` / `.gz` copies).
 * The manifest is read again when it changes, so a server keeps working when another
 * process (a second `npm start`, a test run) rebuilds `dist/` under it.
 */
export function builtFrontEnd(root: string): FrontEnd {
  const dir = path.join(root, OUT_DIR);
  let read = { stamp: "", head: "" };
  return {
    head() {
      const stamp = existsSync(path.join(root, STAMP)) ? readFileSync(path.join(root, STAMP), "utf8") : read.stamp;
      if (stamp !== read.stamp || read.head === "") read = { stamp, head: manifestHead(dir) };
      return read.head;
    },
    mount: (app) => app.static("/assets/", path.join(dir, "assets"), { immutable: true }),
  };
}

/** The development front end: Vite's dev middleware with hot reload; `reload()` makes open pages reload. */
export async function devFrontEnd(root: string): Promise<FrontEnd & { reload(): void; onChange(listener: (file: string) => void): void }> {
  const { createServer } = await import("vite");
  const vite = await createServer({ root, configFile: path.join(root, "vite.config.ts"), server: { middlewareMode: true }, appType: "custom" });
  return {
    head: () => `<script type="module" src="/@vite/client"></script>\n<script type="module" src="/${SHELL_ENTRY}"></script>`,
    mount: (app) => app.use(vite.middlewares as unknown as RequestHandler),
    reload: () => vite.ws.send({ type: "full-reload" }),
    onChange: (listener) => vite.watcher.on("all", (_event: string, file: string) => listener(file)),
  };
}
