import { rm } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { buildRun } from "./build.ts";
import { APP_FILE, type Files } from "./example-files.ts";
import type { Limits } from "./limits.ts";
import { RunFeed } from "./run-feed.ts";
import { startRunProxy, type RunProxy, type RunTarget } from "./run-proxy.ts";
import type { EndReason, FeedMessage, HtmxVersion, StartFailure } from "../../common/playground-protocol.ts";
import { formatMs, type SandboxProcess } from "./sandbox-process.ts";

/** Where a run lives and what it runs. */
export interface RunInit {
  id: string;
  /** The run folder, inside the project, prepared for `child`; removed when the run ends. */
  dir: string;
  files: Files;
  limits: Limits;
  /** The sandboxed process, started ahead and waiting for the files to be built. */
  child: SandboxProcess;
  /** The origins that may frame the run: the docs pages. */
  framedBy: string[];
  /** The htmx version the example runs on. */
  htmx: HtmxVersion;
  /** Serve it on a loopback port of its own too (locally: the fallback for browsers that do not resolve `*.localhost`). */
  fallbackPort: boolean;
}

/** The feed messages about the process itself, which every view of a shared run is told. */
const PROCESS_MESSAGES = new Set<FeedMessage["type"]>(["output", "check", "exit"]);

/**
 * One run of an example: its files built into a folder, a sandboxed process
 * serving them, a proxy giving it an origin of its own (its host name, and
 * locally a loopback port as a fallback), and the feed of what happened (frames, output,
 * exit).
 *
 * A run may also be one reader's view of another run's process (public mode's
 * shared runs, see {@link Run.view}): an id, origin and feed of its own, so the
 * reader sees only the connections of their own page, and the process's output,
 * check and exit; ending the view leaves the process to the other readers.
 */
export class Run {
  readonly feed = new RunFeed();
  readonly startedAt = Date.now();
  /** Last time a request or a watching page used the run. */
  lastActivity = Date.now();
  state: "starting" | "running" | "ended" = "starting";
  #proxy: RunProxy | undefined;
  #target: RunTarget | undefined;
  /** The run whose process this view serves, for a reader's view. */
  readonly #host: Run | undefined;
  #unrelay: () => void = () => {};
  #stopRequest: { reason: EndReason; message: string } | undefined;
  #markEnded: () => void = () => {};
  /** Resolves once the run is over and its folder removed. */
  readonly ended = new Promise<void>((resolve) => (this.#markEnded = resolve));

  constructor(
    readonly init: RunInit,
    host?: Run,
  ) {
    this.#host = host;
  }

  /** False for a reader's view of a shared run: the process is its host's. */
  get ownsProcess(): boolean {
    return this.#host === undefined;
  }

  get id(): string {
    return this.init.id;
  }

  /** The process id of the run's child. */
  get pid(): number | undefined {
    return this.init.child.pid;
  }

  /** The loopback port the run is also served on (through its proxy), once running, if `fallbackPort`: the per-port fallback. */
  get port(): number | undefined {
    return this.#proxy?.port;
  }

  /** Answers a request the docs server routed here by its Host; false (nothing sent) unless the run is running. */
  serve(request: IncomingMessage, response: ServerResponse): boolean {
    if (this.state !== "running" || !this.#proxy) return false;
    this.#proxy.serve(request, response);
    return true;
  }

  /**
   * Builds and starts the run; resolves once it listens, or with why it could not.
   * After a successful start, the feed gets an `exit` message when the process ends.
   */
  async start(): Promise<StartFailure | undefined> {
    const { dir, files, limits, child } = this.init;
    const problems = await buildRun(dir, files, APP_FILE);
    const stopped = this.#requestedStop();
    if (problems.length || stopped) {
      child.stop(stopped?.reason ?? "stopped", stopped?.message ?? "The build failed.");
      await child.exited;
      await this.#cleanUp();
      return stopped ? { exit: { ...stopped, code: null, signal: null, output: "", errors: "" } } : { problems };
    }
    let listening: (port: number) => void = () => {};
    const port = new Promise<number>((resolve) => (listening = resolve));
    child.begin({
      onOutput: (chunk) => this.feed.push({ type: "output", ...chunk }),
      onMessage: (message) => {
        if (message.type === "listening") listening(message.port);
        if (message.type === "check") this.feed.push(message);
      },
    }, this.init.htmx, limits.lifetimeMs);
    const timer = setTimeout(
      () => child.stop("start", `The example did not start listening within ${formatMs(limits.startMs)}: an endless loop, or no app.run()?`),
      limits.startMs,
    );
    const first = await Promise.race([port, child.exited]);
    clearTimeout(timer);
    if (typeof first !== "number") {
      await this.#cleanUp();
      return { exit: first };
    }
    this.#target = { socketPath: child.socketPath, port: first };
    await this.#serve(this.#target);
    child.exited.then(async (exit) => {
      this.feed.push({ type: "exit", ...exit });
      await this.#cleanUp();
    });
    return undefined;
  }

  /**
   * Opens a reader's view of this running run, as `id` framed by `framedBy`: its
   * own proxy onto the same process, a feed of its own connections plus the
   * process's output, check and exit. It ends when stopped or when the process ends.
   */
  async view(id: string, framedBy: string[]): Promise<Run> {
    const view = new Run({ ...this.init, id, framedBy }, this);
    if (!this.#target || this.state !== "running") throw new Error(`run ${this.id} is not running`);
    await view.#serve(this.#target);
    view.#unrelay = this.feed.subscribe((message) => {
      if (!PROCESS_MESSAGES.has(message.type) || view.state === "ended") return;
      view.feed.push(message);
      if (message.type === "exit") void view.#cleanUp();
    });
    return view;
  }

  /** Serves the process at `target` on a proxy of this run's own, its taps reported to this run's feed. */
  async #serve(target: RunTarget): Promise<void> {
    this.#proxy = await startRunProxy(target, {
      open: (conn, path, status) => this.feed.push({ type: "connection", conn, path, status }),
      frame: (conn, t, frame) => this.feed.push({ type: "frame", conn, t, ...frame }),
      closed: (conn, t) => this.feed.push({ type: "closed", conn, t }),
      activity: () => (this.lastActivity = Date.now()),
      page: (path) => this.feed.push({ type: "page", path }),
      document: (doc, path, status) => this.feed.push({ type: "document", doc, path, status }),
      chunk: (doc, t, bytes, html) => this.feed.push({ type: "chunk", doc, t, bytes, html }),
    }, this.init.framedBy, this.init.fallbackPort);
    this.state = "running";
  }

  /** Ends the run (SIGKILL), or a view alone (its process serves on); resolves when it is gone. */
  async stop(reason: EndReason, message: string): Promise<void> {
    this.#stopRequest ??= { reason, message };
    if (this.#host && this.state !== "ended") {
      this.feed.push({ type: "exit", reason, message, code: null, signal: null, output: "", errors: "" });
      await this.#cleanUp();
    }
    if (!this.#host) this.init.child.stop(reason, message);
    await this.ended;
  }

  /** A stop asked for while the run was starting (a method, so the compiler does not assume it unchanged across awaits). */
  #requestedStop(): { reason: EndReason; message: string } | undefined {
    return this.#stopRequest;
  }

  async #cleanUp(): Promise<void> {
    this.state = "ended";
    this.#unrelay();
    await this.#proxy?.close();
    if (!this.#host) await rm(this.init.dir, { recursive: true, force: true });
    this.#markEnded();
  }
}
