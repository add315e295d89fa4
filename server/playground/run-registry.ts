import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { HttpError } from "chirp";
import type { Files } from "./example-files.ts";
import type { Limits } from "./limits.ts";
import { prepareRunDir } from "./build.ts";
import type { FeedMessage, HtmxVersion, StartFailure, TestReport } from "../../common/playground-protocol.ts";
import { Run } from "./run.ts";
import type { FeedListener } from "./run-feed.ts";
import type { Isolation } from "./isolation.ts";
import { SandboxProcess } from "./sandbox-process.ts";
import { runTests } from "./test-run.ts";

/** Removes the folders of runs older than a run may live: left behind by a docs server that was killed. */
function sweepStaleRuns(runsDir: string, lifetimeMs: number): void {
  if (!existsSync(runsDir)) return;
  for (const entry of readdirSync(runsDir, { withFileTypes: true })) {
    const dir = path.join(runsDir, entry.name);
    if (entry.isDirectory() && Date.now() - statSync(dir).mtimeMs > lifetimeMs * 2) rmSync(dir, { recursive: true, force: true });
  }
}

/** A started run, or why it did not start. */
export type StartResult = { run: Run; failure?: undefined } | { run?: undefined; failure: StartFailure };

/** A run's id, which names its host (`<id>.<run-domain>`): 128 random bits in hex, a DNS label no one can guess. */
function newRunId(): string {
  return randomBytes(16).toString("hex");
}

/** A process started ahead, its framework loaded, waiting for the next run's files. */
interface Standby {
  id: string;
  dir: string;
  child: SandboxProcess;
}

/**
 * The runs and test runs of one docs server, within the limits: at most
 * `maxRuns` processes at once (the oldest idle run is ended to make room), and a
 * run ends `pageGoneMs` after the last page watching it went away. One process
 * more waits on standby (it runs no code of a page until it becomes a run), so a
 * run starts without the cost of starting Node and loading the framework.
 */
export class RunRegistry {
  readonly #runs = new Map<string, Run>();
  readonly #pageGone = new Map<string, NodeJS.Timeout>();
  readonly #tests = new Set<() => void>();
  #standby: Promise<Standby> | undefined;

  readonly root: string;
  readonly limits: Limits;
  readonly #runsDir: string;
  readonly #env: Record<string, string> | undefined;
  readonly #fallbackPorts: boolean;
  /** How every run and test run is kept from the rest of the machine. */
  readonly isolation: Isolation;

  /** `fallbackPorts`: each run and view is served on a loopback port of its own too (locally; behind a proxy no reader could reach it). */
  constructor(init: { root: string; runsDir: string; limits: Limits; env?: Record<string, string>; isolation: Isolation; fallbackPorts: boolean }) {
    this.root = init.root;
    this.limits = init.limits;
    this.#runsDir = init.runsDir;
    this.#env = init.env;
    this.#fallbackPorts = init.fallbackPorts;
    this.isolation = init.isolation;
    sweepStaleRuns(init.runsDir, init.limits.lifetimeMs);
  }

  /** Processes alive or starting that the registry keeps: runs and test runs (a reader's view of a shared run is no process). */
  get size(): number {
    return this.#processes().length + this.#tests.size;
  }

  get(id: string): Run | undefined {
    return this.#runs.get(id);
  }

  /** Builds and starts `files` on htmx `htmx` as a new run framed by the origins `framedBy`, ending `replaces` (the page's previous run) if given. */
  async start(files: Files, framedBy: string[], replaces?: string, htmx: HtmxVersion = 2): Promise<StartResult> {
    this.#replace(replaces);
    await this.#makeRoom();
    let id = "";
    const started = await this.launch(files, framedBy, htmx, { starting: (run) => this.#runs.set((id = run.id), run) });
    if (started.failure) {
      this.#runs.delete(id);
      return started;
    }
    void started.run.ended.then(() => this.#forget(started.run.id));
    this.#armPageGone(started.run);
    return started;
  }

  /**
   * Builds and starts `files` as a run that no page owns and the registry does not
   * keep (public mode's shared runs): it is not counted against `maxRuns`, not ended
   * to make room, and whoever launched it stops it. `starting` is told of the run
   * before it starts; `limits` replace the registry's for this run (its lifetime).
   */
  async launch(files: Files, framedBy: string[], htmx: HtmxVersion, options: { starting?(run: Run): void; limits?: Partial<Limits> } = {}): Promise<StartResult> {
    const { id, dir, child } = await this.#takeStandby();
    const run = new Run({ id, dir, files, limits: { ...this.limits, ...options.limits }, child, framedBy, htmx, fallbackPort: this.#fallbackPorts });
    options.starting?.(run);
    const failure = await run.start();
    return failure ? { failure } : { run };
  }

  /**
   * Opens a reader's view of the running `host` (see {@link Run.view}), framed by
   * `framedBy`, ending `replaces` (the page's previous run) if given. The view is
   * kept like a run: its feed, its stop and its page-gone timer; it is no process.
   */
  async view(host: Run, framedBy: string[], replaces?: string): Promise<Run> {
    this.#replace(replaces);
    const view = await host.view(newRunId(), framedBy);
    this.#runs.set(view.id, view);
    void view.ended.then(() => this.#forget(view.id));
    this.#armPageGone(view);
    return view;
  }

  /** Ends the page's previous run alongside the new one's start, not before it: it no longer counts against the limit. */
  #replace(replaces: string | undefined): void {
    const previous = replaces === undefined ? undefined : this.#runs.get(replaces);
    if (!previous) return;
    this.#forget(previous.id);
    void previous.stop("stopped", "A new run replaced this one.");
  }

  /** Runs the example's tests against `files` on htmx `htmx`, counting as one process while it lasts. */
  async test(files: Files, htmx: HtmxVersion = 2): Promise<TestReport> {
    await this.#makeRoom();
    const dir = this.#dir(`test-${randomBytes(8).toString("hex")}`);
    let stop = () => {};
    const slot = () => stop();
    this.#tests.add(slot);
    try {
      return await runTests({ dir, root: this.root, files, limits: this.limits, env: this.#env, isolation: this.isolation, htmx }, (stopper) => (stop = stopper));
    } finally {
      this.#tests.delete(slot);
    }
  }

  /**
   * Sends `listener` the run's feed (after message number `after`, for a page that
   * resumes) while a page watches; the run ends once no page has watched for `pageGoneMs`.
   */
  watch(run: Run, listener: FeedListener, after?: number): () => void {
    clearTimeout(this.#pageGone.get(run.id));
    run.lastActivity = Date.now();
    const unsubscribe = run.feed.subscribe(listener, after);
    return () => {
      unsubscribe();
      run.lastActivity = Date.now();
      this.#armPageGone(run);
    };
  }

  /** Starts the standby process if there is none, so that the next run starts at once. */
  warmUp(): void {
    this.#standby ??= this.#startStandby();
  }

  /** Ends every run, test run and the standby; resolves when their processes are gone. */
  async stopAll(): Promise<void> {
    const standby = this.#standby?.then(async ({ child, dir }) => {
      child.stop("stopped", "The docs server is shutting down.");
      await child.exited;
      await rm(dir, { recursive: true, force: true });
    });
    this.#standby = undefined;
    for (const stop of this.#tests) stop();
    await Promise.all([standby, ...[...this.#runs.values()].map((run) => run.stop("stopped", "The docs server is shutting down."))]);
  }

  async #startStandby(): Promise<Standby> {
    const id = newRunId();
    const dir = this.#dir(id);
    await prepareRunDir(dir, "serve.ts");
    return { id, dir, child: new SandboxProcess({ dir, root: this.root, limits: this.limits, env: this.#env, isolation: this.isolation }) };
  }

  /** The standby process (a fresh one if it died), and a new standby started for the run after. */
  async #takeStandby(): Promise<Standby> {
    const waiting = await (this.#standby ?? this.#startStandby());
    this.#standby = this.#startStandby();
    if (waiting.child.alive) return waiting;
    await rm(waiting.dir, { recursive: true, force: true });
    return this.#startStandby();
  }

  #dir(id: string): string {
    return path.join(this.#runsDir, id);
  }

  #armPageGone(run: Run): void {
    if (run.feed.watchers > 0 || run.state === "ended") return;
    clearTimeout(this.#pageGone.get(run.id));
    const timer = setTimeout(() => void run.stop("stopped", "The page showing this run went away."), this.limits.pageGoneMs);
    this.#pageGone.set(run.id, timer.unref());
  }

  #forget(id: string): void {
    clearTimeout(this.#pageGone.get(id));
    this.#pageGone.delete(id);
    this.#runs.delete(id);
  }

  /** The kept runs that own their process. */
  #processes(): Run[] {
    return [...this.#runs.values()].filter((run) => run.ownsProcess);
  }

  /** Ends the oldest idle run (no page watching; else the least recently used) while the limit is reached. */
  async #makeRoom(): Promise<void> {
    while (this.size >= this.limits.maxRuns) {
      const running = this.#processes().filter((run) => run.state === "running");
      const byAge = (a: Run, b: Run) => a.lastActivity - b.lastActivity;
      const victim = running.filter((run) => run.feed.watchers === 0).sort(byAge)[0] ?? running.sort(byAge)[0];
      if (!victim) throw new HttpError(429, `${this.limits.maxRuns} runs are starting or testing already; try again in a moment.`, { "retry-after": "5" });
      this.#forget(victim.id);
      const most = this.limits.maxRuns;
      await victim.stop("stopped", `Ended to make room: at most ${most} ${most === 1 ? "run" : "runs"} at once.`);
    }
  }
}
