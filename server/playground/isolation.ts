import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Isolation } from "../../common/playground-protocol.ts";
import { ISOLATION_ENV } from "./sandbox-env.ts";

/**
 * How a run is kept from the rest of the machine ({@link Isolation}), besides Node's permission model:
 * - `isolated`: in its own PID and network namespace (bubblewrap): it sees no other
 *   process and has no network but its own loopback; its only way out is the Unix
 *   socket in its folder that the run's proxy connects to;
 * - `guarded`: where namespaces are unavailable, a guard installed before the
 *   user's code (`child/process-guard.ts`) refuses signals to any other process
 *   and every outbound connection but those to the run's own servers.
 */
export type { Isolation };

/** The bubblewrap flags every run starts with; `--as-pid-1` makes Node itself the namespace's first process. */
const NAMESPACES = ["--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--die-with-parent", "--new-session", "--as-pid-1"];

let probed: Isolation | undefined;

/** Whether this machine can start a process in its own namespaces: tried once, with the flags runs use. */
function namespacesWork(): boolean {
  const probe = spawnSync("bwrap", [...NAMESPACES, "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "true"], { stdio: "ignore", timeout: 10_000 });
  return probe.status === 0;
}

/** The isolation runs get here: `isolated` where bubblewrap works (Linux), else `guarded`; `CHIRP_ISOLATION=guarded` forces the guard. */
export function availableIsolation(env: NodeJS.ProcessEnv = process.env): Isolation {
  if (env[ISOLATION_ENV] === "guarded") return "guarded";
  probed ??= process.platform === "linux" && namespacesWork() ? "isolated" : "guarded";
  return probed;
}

/** A minimal file system: the system's programs and libraries, Node, the project's `node_modules` and `package.json`, nothing of the user's. */
function minimalMounts(root: string): string[] {
  const system = ["--ro-bind", "/usr", "/usr", ...["bin", "lib", "lib64", "sbin"].flatMap((link) => (existsSync(`/${link}`) ? ["--symlink", `usr/${link}`, `/${link}`] : []))];
  const node = path.dirname(process.execPath).startsWith("/usr/") ? [] : ["--ro-bind", path.dirname(path.dirname(process.execPath)), path.dirname(path.dirname(process.execPath))];
  const project = ["node_modules", "package.json"].flatMap((name) => ["--ro-bind", path.join(root, name), path.join(root, name)]);
  return [...system, ...node, ...project];
}

/**
 * The command that starts `node nodeArgs` for a run in `dir`. Isolated, the
 * whole file system is read-only (or, `minimal`, only the system's, Node's and the
 * project's packages are there), `runsDir` is hidden behind an empty folder
 * but for the run's own `dir` (where it may create its socket), and `/tmp` is its own.
 */
export function sandboxCommand(
  isolation: Isolation,
  init: { dir: string; runsDir: string; root: string; nodeArgs: string[]; minimal?: boolean },
): { command: string; args: string[] } {
  if (isolation === "guarded") return { command: process.execPath, args: init.nodeArgs };
  const files = init.minimal ? minimalMounts(init.root) : ["--ro-bind", "/", "/"];
  const mounts = [...files, "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp", "--tmpfs", init.runsDir, "--bind", init.dir, init.dir];
  return { command: "bwrap", args: [...NAMESPACES, ...mounts, "--chdir", init.dir, "--", process.execPath, ...init.nodeArgs] };
}

/** The process id of the Node process a sandbox command started: bubblewrap's child when isolated (undefined until it exists). */
export function nodeProcessId(isolation: Isolation, spawned: number): number | undefined {
  if (isolation === "guarded") return spawned;
  try {
    const children = readFileSync(`/proc/${spawned}/task/${spawned}/children`, "utf8").trim();
    return children ? Number(children.split(" ")[0]) : undefined;
  } catch {
    return undefined;
  }
}
