/**
 * `npm run example -- <name>`: runs examples/<name>/app.ts as its own process,
 * exactly as `npx tsx examples/<name>/app.ts` would.
 *
 * `npm run example -- <name> --instances 3`: runs three processes of it on ports
 * PORT, PORT+1, PORT+2 (PORT defaults to 8000) sharing one Redis: CHIRP_REDIS_URL, or
 * a throwaway `redis-server` this script starts on a free port and stops after.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "./free-port.ts";

const examplesDir = path.resolve(import.meta.dirname, "../examples");
const available = readdirSync(examplesDir).filter((name) => existsSync(path.join(examplesDir, name, "app.ts")));
const [name, flag, count] = process.argv.slice(2);
const instances = flag === "--instances" ? Number(count) : 1;

if (!name || !available.includes(name) || (flag !== undefined && flag !== "--instances") || !(Number.isInteger(instances) && instances >= 1)) {
  console.error(
    `${name && !available.includes(name) ? `There is no example "${name}". ` : ""}Usage: npm run example -- <name> [--instances N]\nExamples: ${available.join(", ")}`,
  );
  process.exit(2);
}

const children: ChildProcess[] = [];
let cleanup = () => {};

/** Stops every process this script started, then exits with `code`. */
function stopAll(code: number): void {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  cleanup();
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => stopAll(0));

/** CHIRP_REDIS_URL, or the URL of a redis-server started for this run. */
async function sharedRedis(): Promise<string> {
  if (process.env.CHIRP_REDIS_URL) return process.env.CHIRP_REDIS_URL;
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), "chirp-example-redis-"));
  const redis = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir], { stdio: "ignore" });
  redis.on("error", () => {
    console.error("example: could not start redis-server; install Redis or set CHIRP_REDIS_URL");
    stopAll(1);
  });
  children.push(redis);
  cleanup = () => rmSync(dir, { recursive: true, force: true });
  console.log(`example: redis-server on 127.0.0.1:${port} (throwaway, stopped on exit)`);
  return `redis://127.0.0.1:${port}`;
}

const env = instances > 1 ? { ...process.env, CHIRP_REDIS_URL: await sharedRedis() } : process.env;
const firstPort = Number(process.env.PORT || 8000);
for (let n = 0; n < instances; n += 1) {
  const port = instances > 1 ? { PORT: String(firstPort + n) } : {};
  const child = spawn(process.execPath, ["--import", "tsx", path.join(examplesDir, name, "app.ts")], { stdio: "inherit", env: { ...env, ...port } });
  child.on("exit", (code, signal) => stopAll(code ?? (signal ? 1 : 0)));
  children.push(child);
}
