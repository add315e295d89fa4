/**
 * `npm run check -- <example dir | app module> [--json]`: loads the module's
 * exported `app`, runs the contract checker over it and prints the report,
 * grouped by file (or as `{ "issues": [...] }` with `--json`).
 * Exit status: 1 when the report has an error, 2 when the app cannot be loaded, else 0.
 */
import { statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { App } from "../server/chirp/index.ts";
import { formatReport, hasErrors } from "../server/chirp/contracts/index.ts";

const USAGE = "usage: npm run check -- <example dir | app module> [--json]";

/** The files tried, in order, when the argument is a folder. */
const ENTRY_NAMES = ["app.ts", "app.mts", "app.js", "app.mjs"];

class UsageError extends Error {}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The app module an argument names: the file itself, or the folder's `app.ts`. */
function entryModule(argument: string): string {
  const target = path.resolve(argument);
  if (isFile(target)) return target;
  const entry = ENTRY_NAMES.map((name) => path.join(target, name)).find(isFile);
  if (!entry) throw new UsageError(`no app module at ${argument} (looked for ${ENTRY_NAMES.join(", ")} in that folder)`);
  return entry;
}

/** Imports the module and returns its exported `app`, which must be a chirp App. */
async function loadApp(file: string): Promise<App> {
  let module: { app?: unknown };
  try {
    module = (await import(pathToFileURL(file).href)) as { app?: unknown };
  } catch (error) {
    throw new UsageError(`could not load ${file}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
  if (!(module.app instanceof App)) {
    const found = "app" in module ? `its \`app\` is ${module.app === null ? "null" : typeof module.app}` : "it exports no `app`";
    throw new UsageError(`${file} must export its chirp App as \`app\` (export const app = new App(...)); ${found}`);
  }
  return module.app;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: "boolean" }, help: { type: "boolean", short: "h" } } });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(USAGE);
  const file = entryModule(positionals[0] as string);
  const app = await loadApp(file);
  const report = await app.check({ sources: [file] });
  const text = values.json ? JSON.stringify({ issues: report.issues }, null, 2) : formatReport(report);
  await new Promise<void>((resolve) => process.stdout.write(`${text}\n`, () => resolve()));
  return hasErrors(report) ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (status) => process.exit(status),
  (error: unknown) => {
    console.error(`chirp check: ${error instanceof UsageError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(2);
  },
);
