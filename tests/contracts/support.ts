import { spawn } from "node:child_process";
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { App, ContractIssue } from "../../server/chirp/index.ts";

/** The project folder. */
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** The folder of a fixture app under tests/contracts/fixtures. */
export function fixtureDir(name: string): string {
  return path.join(ROOT, "tests/contracts/fixtures", name);
}

/** Replaces `from`, which must occur exactly once in `text`, with `to`. */
export function replaceOnce(text: string, from: string, to: string): string {
  const parts = text.split(from);
  if (parts.length !== 2) throw new Error(`expected ${JSON.stringify(from)} exactly once, found it ${parts.length - 1} times`);
  return parts.join(to);
}

/**
 * A copy of `examples/<example>` with edits applied to some of its files, written to
 * `.cache/contracts/<name>` (inside the project, so its `import "chirp"` resolves).
 * Returns the copy's folder relative to the project.
 */
export function exampleVariant(example: string, name: string, edits: Record<string, (text: string) => string>): string {
  const folder = path.join(".cache/contracts", name);
  const target = path.join(ROOT, folder);
  rmSync(target, { recursive: true, force: true });
  cpSync(path.join(ROOT, "examples", example), target, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) writeFileSync(path.join(target, file), edit(readFileSync(path.join(target, file), "utf8")));
  return folder;
}

/** Loads the `app` a module exports and checks it with its own source, paths relative to the module's folder. */
export async function checkModule(file: string): Promise<ContractIssue[]> {
  const { app } = (await import(pathToFileURL(file).href)) as { app: App };
  return (await app.check({ sources: [file], root: path.dirname(file) })).issues;
}

/** Checks the fixture app `name`; issue paths are relative to the fixture's folder. */
export function checkFixture(name: string): Promise<ContractIssue[]> {
  return checkModule(path.join(fixtureDir(name), "app.ts"));
}

/** What `npm run check` printed and how it exited. */
export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `scripts/check.ts` as its own process (as `npm run check -- …` does) from the project folder. */
export function runCheck(...args: string[]): Promise<CliRun> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/check.ts"), ...args], { cwd: ROOT });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}
