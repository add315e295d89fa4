import { spawn, type ChildProcess } from "node:child_process";
import { relativePaths } from "chirp";
import path from "node:path";
import type { Message, StartMessage } from "./child-message.ts";
import { availableIsolation, nodeProcessId, sandboxCommand, type Isolation } from "./isolation.ts";
import type { Limits } from "./limits.ts";
import { OutputBuffer } from "./output-buffer.ts";
import { processUsage } from "./process-usage.ts";
import type { EndReason, HtmxVersion, OutputChunk, SandboxExit } from "../../common/playground-protocol.ts";
import { ISOLATION_ENV, RUN_SOCKET_ENV } from "./sandbox-env.ts";


/** Where and how to start a sandboxed process. */
export interface SandboxOptions {
  /** The run folder, prepared with `prepareRunDir`: the only project folder besides `node_modules` the child may read. */
  dir: string;
  /** The project root, whose `node_modules` and `package.json` the child may read. */
  root: string;
  limits: Limits;
  /** How to keep it from the rest of the machine; default: the best this machine offers. */
  isolation?: Isolation;
  /** It runs the real vitest: only when isolated (see `sandboxArguments`). */
  vitest?: boolean;
  /** Extra environment for the child (HOST, PORT, CHIRP_DEBUG and CHIRP_CHECK=0 are set: the child checks the app itself, off the start-up path). */
  env?: Record<string, string>;
}

/** Who hears from a child. */
export interface SandboxListener {
  onMessage?(message: Message): void;
  onOutput?(chunk: OutputChunk): void;
}

/** How often memory and liveness are checked. */
const WATCH_MS = 100;

/**
 * The command line of a child: Node's permission model, heap cap, the bundled entry.
 * Running the real vitest (only when isolated), the child may start workers and load
 * vitest's native addons, and read what its file system shows: the system's `/usr`,
 * `node_modules`, `package.json` and its folder; still no writes and no processes.
 */
function sandboxArguments(dir: string, root: string, heapMb: number, vitest: boolean): string[] {
  const reads = vitest ? ["--allow-fs-read=*", "--allow-worker", "--allow-addons", "--disable-warning=SecurityWarning"] : [dir, path.join(root, "node_modules"), path.join(root, "package.json")].map((allowed) => `--allow-fs-read=${allowed}`);
  return [
    "--experimental-permission",
    ...reads,
    `--max-old-space-size=${heapMb}`,
    "--enable-source-maps",
    "--disable-warning=ExperimentalWarning",
    path.join(dir, "entry.mjs"),
  ];
}

/** SIGKILL to `pid`, which may have ended already. */
function killQuietly(pid: number): void {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // Gone already.
  }
}

/**
 * A separate Node process under the permission model (read its run folder and
 * `node_modules` only; no writes, child processes or workers), isolated from the
 * machine's other processes and network (or guarded, see `isolation.ts`), and the
 * limits: heap, resident memory, lifetime, a blocked event loop, capped output.
 *
 * It starts early and loads the framework while it waits; `begin()` tells it that
 * the user's code is in place, and starts the clock of its lifetime.
 */
export class SandboxProcess {
  readonly output: OutputBuffer;
  /** Resolves once the process is gone, with why. */
  readonly exited: Promise<SandboxExit>;
  readonly #child: ChildProcess;
  #ended: { reason: EndReason; message: string } | undefined;
  /** A message came since the last check: the event loop answers. */
  #answered = true;
  /** The child's CPU time (wall time where Linux does not tell it) when it last answered. */
  #clockAtAnswer = 0;
  /** Over the blocked limit at the last check: a second check in a row, after the pings waiting in the pipe are read, ends it. */
  #overLimit = false;
  /** Loading modules may block for a while: the blocked-loop limit applies once the child is listening or ready. */
  #started = false;
  #listener: SandboxListener = {};
  #lifetime: NodeJS.Timeout | undefined;
  readonly #limits: Limits;
  /** How the process is kept from the rest of the machine. */
  readonly isolation: Isolation;
  /** The Unix socket a served app is reachable on, in the run folder. */
  readonly socketPath: string;

  constructor(options: SandboxOptions) {
    const { limits } = options;
    this.#limits = limits;
    this.output = new OutputBuffer(limits.outputBytes);
    this.isolation = options.isolation ?? availableIsolation();
    this.socketPath = path.join(options.dir, "run.sock");
    const vitest = options.vitest === true && this.isolation === "isolated";
    const nodeArgs = sandboxArguments(options.dir, options.root, limits.heapMb, vitest);
    const { command, args } = sandboxCommand(this.isolation, { dir: options.dir, runsDir: path.dirname(options.dir), root: options.root, nodeArgs, minimal: vitest });
    this.#child = spawn(command, args, {
      cwd: options.dir,
      env: { HOST: "127.0.0.1", PORT: "0", CHIRP_DEBUG: "1", CHIRP_CHECK: "0", ...options.env, [ISOLATION_ENV]: this.isolation, [RUN_SOCKET_ENV]: this.socketPath },
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    for (const stream of ["stdout", "stderr"] as const) {
      this.#child[stream]?.on("data", (data: Buffer) => {
        const text = this.output.add(stream, relativePaths(String(data), options.dir));
        if (text) this.#listener.onOutput?.({ stream, text });
      });
    }
    this.#child.on("message", (message: Message) => {
      this.#answered = true;
      this.#started ||= message.type === "listening" || message.type === "ready";
      this.#listener.onMessage?.(message);
    });
    const watch = setInterval(() => this.#watch(limits), WATCH_MS);
    this.exited = new Promise((resolve) => {
      this.#child.once("error", (error) => this.stop("crashed", `The process could not start: ${error.message}`));
      this.#child.once("close", (code, signal) => {
        clearTimeout(this.#lifetime);
        clearInterval(watch);
        resolve(this.#exit(code, signal, limits));
      });
    });
  }

  /**
   * Starts the user's code (already built into the folder) on htmx `htmx`: messages
   * and output now go to `listener`. It is ended after `lifetimeMs` (the limits'
   * by default; `Infinity` for none: public mode's shared runs of unedited examples).
   */
  begin(listener: SandboxListener, htmx: HtmxVersion, lifetimeMs = this.#limits.lifetimeMs): void {
    this.#listener = listener;
    if (Number.isFinite(lifetimeMs)) this.#lifetime = setTimeout(() => this.stop("lifetime", `The run reached its time limit of ${formatMs(lifetimeMs)} and was ended.`), lifetimeMs);
    const start: StartMessage = { type: "start", htmx };
    if (this.#child.connected) this.#child.send(start);
  }

  /** The id of the Node process (inside bubblewrap when isolated); undefined until it exists. */
  get pid(): number | undefined {
    return this.#child.pid === undefined ? undefined : nodeProcessId(this.isolation, this.#child.pid);
  }

  /** True until the process has ended. */
  get alive(): boolean {
    return this.#child.exitCode === null && this.#child.signalCode === null;
  }

  /** Kills the process (SIGKILL) and records why; the first reason given wins. */
  stop(reason: EndReason, message: string): void {
    this.#ended ??= { reason, message };
    if (!this.alive) return;
    // Isolated, Node is killed and bubblewrap, its parent, reaps it and exits: when the process counts as gone, so is Node.
    const node = this.pid;
    if (node !== undefined && node !== this.#child.pid) killQuietly(node);
    else this.#child.kill("SIGKILL");
  }

  /**
   * Ends the process past its memory limit, or when it spent more than the blocked
   * limit of CPU time without a message (memory first: filling memory blocks too).
   * CPU time, not wall time: a process starved by a busy machine spends little of
   * it while it waits for a core, an endless loop spends it all.
   */
  async #watch(limits: Limits): Promise<void> {
    const pid = this.pid;
    if (pid === undefined) return;
    const usage = await processUsage(pid);
    if (!this.alive) return;
    if (usage.residentMb > limits.rssMb) {
      this.stop("memory", `The process used ${Math.round(usage.residentMb)} MB, over the limit of ${limits.rssMb} MB, and was ended.`);
    }
    const clock = usage.cpuMs ?? Date.now();
    if (this.#answered || !this.#started) {
      this.#answered = this.#overLimit = false;
      this.#clockAtAnswer = clock;
    } else if (clock - this.#clockAtAnswer > limits.blockedMs) {
      if (this.#overLimit) {
        const spent = usage.cpuMs === undefined ? "" : " of CPU time";
        this.stop("blocked", `The event loop was blocked for more than ${formatMs(limits.blockedMs)}${spent} (an endless loop?); the process was ended.`);
      }
      this.#overLimit = true;
    }
  }

  #exit(code: number | null, signal: NodeJS.Signals | null, limits: Limits): SandboxExit {
    const ended = { code, signal, output: this.output.text(), errors: this.output.text("stderr") };
    if (this.#ended) return { ...this.#ended, ...ended };
    if (/heap out of memory|Reached heap limit/.test(ended.output)) {
      return { reason: "memory", ...ended, message: `The process ran out of its ${limits.heapMb} MB heap and was ended.` };
    }
    if (code === 0) return { reason: "exited", ...ended, message: "The process exited." };
    return { reason: "crashed", ...ended, message: `The process crashed (${signal ? `signal ${signal}` : `exit code ${code}`}).` };
  }
}

/** `90000` → `1.5 min`, `5000` → `5 s`. */
export function formatMs(ms: number): string {
  return ms >= 60_000 ? `${+(ms / 60_000).toFixed(1)} min` : `${+(ms / 1000).toFixed(1)} s`;
}
