import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");

/** What `tsc --noEmit -p <project>` prints: nothing when the project type-checks. */
async function typeErrors(project: string): Promise<string> {
  const tsc = path.join(root, "node_modules/typescript/bin/tsc");
  return promisify(execFile)(process.execPath, [tsc, "--noEmit", "-p", path.join(root, project)], { cwd: root }).then(
    () => "",
    (error: { stdout?: string }) => error.stdout ?? String(error),
  );
}

it.each(["tsconfig.json", "client/tsconfig.json"])("type-checks %s under strict TypeScript", async (project) => {
  expect(await typeErrors(project)).toBe("");
}, 180_000);
