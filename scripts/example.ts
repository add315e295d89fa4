/**
 * `npm run example -- <name>`: runs examples/<name>/app.ts as its own process,
 * exactly as `npx tsx examples/<name>/app.ts` would.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

const examplesDir = path.resolve(import.meta.dirname, "../examples");
const available = readdirSync(examplesDir).filter((name) => existsSync(path.join(examplesDir, name, "app.ts")));
const name = process.argv[2];

if (!name || !available.includes(name)) {
  console.error(`${name ? `There is no example "${name}". ` : ""}Usage: npm run example -- <name>\nExamples: ${available.join(", ")}`);
  process.exit(2);
}

const child = spawn(process.execPath, ["--import", "tsx", path.join(examplesDir, name, "app.ts")], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
