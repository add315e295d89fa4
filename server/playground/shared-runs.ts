import type { Files } from "./example-files.ts";
import type { HtmxVersion } from "../../common/playground-protocol.ts";
import type { RunRegistry, StartResult } from "./run-registry.ts";
import { formatMs } from "./sandbox-process.ts";
import type { Run } from "./run.ts";

/** One example's shared run on one htmx version: its start, and the timer that ends it once nobody watches. */
interface Shared {
  started: Promise<StartResult>;
  idle?: NodeJS.Timeout;
}

/**
 * Public mode's runs: each unedited example, on each htmx version, runs once, in
 * one process shared by every reader, so a thousand readers cost one process per
 * example. The process starts on first use; each reader gets a view of it (an
 * origin and a feed of their own: they see their own page's connections, not
 * other readers'); it ends `idleMs` after the last view ended (never at the
 * run lifetime limit, which is for edited code), and the first reader after it
 * ended or died gets a fresh one.
 */
export class SharedRuns {
  readonly #shared = new Map<string, Shared>();

  constructor(
    readonly registry: RunRegistry,
    readonly idleMs: number,
  ) {}

  /**
   * A reader's view of the shared run of `example` (whose unedited files are
   * `files`) on htmx `htmx`, starting the run if none is alive; ends the page's
   * previous view `replaces` if given.
   */
  async open(example: string, files: Files, htmx: HtmxVersion, framedBy: string[], replaces?: string): Promise<StartResult> {
    const key = `${example} on htmx ${htmx}`;
    for (;;) {
      const shared = this.#shared.get(key) ?? this.#launch(key, files, htmx, framedBy);
      const started = await shared.started;
      if (started.failure) return started;
      // It may have ended while this reader waited: then the loop starts a fresh one.
      if (started.run.state !== "running") {
        this.#forget(key, shared);
        continue;
      }
      clearTimeout(shared.idle);
      const view = await this.registry.view(started.run, framedBy, replaces);
      void view.ended.then(() => this.#idleAfterLastView(key, shared, started.run));
      return { run: view };
    }
  }

  /** The shared runs alive or starting. */
  get size(): number {
    return this.#shared.size;
  }

  /** Ends every shared run; resolves when their processes are gone. */
  async stopAll(): Promise<void> {
    const all = [...this.#shared.values()];
    this.#shared.clear();
    await Promise.all(all.map(async (shared) => {
      clearTimeout(shared.idle);
      await (await shared.started).run?.stop("stopped", "The docs server is shutting down.");
    }));
  }

  #launch(key: string, files: Files, htmx: HtmxVersion, framedBy: string[]): Shared {
    // No lifetime: it runs an unedited example, and ends once nobody watches.
    const shared: Shared = { started: this.registry.launch(files, framedBy, htmx, { limits: { lifetimeMs: Infinity } }) };
    this.#shared.set(key, shared);
    void shared.started.then((started) => {
      if (!started.run) return this.#forget(key, shared);
      void started.run.ended.then(() => this.#forget(key, shared));
      this.#idleAfterLastView(key, shared, started.run);
    });
    return shared;
  }

  /**
   * Arms the idle timer of `run` when no view of it is left (each view follows the
   * run's feed while it lasts). When it fires, the run is forgotten at once, so a
   * reader who comes while it stops gets a fresh one.
   */
  #idleAfterLastView(key: string, shared: Shared, run: Run): void {
    if (run.feed.watchers > 0 || run.state === "ended") return;
    clearTimeout(shared.idle);
    const stop = () => {
      this.#forget(key, shared);
      void run.stop("stopped", `No reader watched this shared run for ${formatMs(this.idleMs)}.`);
    };
    shared.idle = setTimeout(stop, this.idleMs).unref();
  }

  /** Drops `shared` from the map, unless a newer run took its place already. */
  #forget(key: string, shared: Shared): void {
    clearTimeout(shared.idle);
    if (this.#shared.get(key) === shared) this.#shared.delete(key);
  }
}
