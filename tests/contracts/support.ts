import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { App, ContractIssue } from "../../server/chirp/index.ts";

/** The project folder. */
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** The folder of a fixture app under tests/contracts/fixtures. */
export function fixtureDir(name: string): string {
  return path.join(ROOT, "tests/contracts/fixtures", name);
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
