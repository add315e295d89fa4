import { Worker } from "node:worker_threads";
import type { Problem } from "../../common/playground-protocol.ts";
import type { Files } from "./example-files.ts";

type Answer = { id: number; problems: Problem[]; error?: undefined } | { id: number; problems?: undefined; error: string };

/**
 * Type-checks edited files on a thread of its own, so a check (half a second warm,
 * many seconds for the first, which parses Node's and chirp's types) never holds
 * up the docs server or the runs' streams. The thread starts on first use and keeps
 * what it parsed; checks are answered in order.
 */
export class TypeChecker {
  #worker: Worker | undefined;
  #next = 0;
  readonly #waiting = new Map<number, { resolve(problems: Problem[]): void; reject(error: Error): void }>();

  constructor(readonly root: string) {}

  /** The TypeScript errors of `files` (see `typeProblems`). */
  check(files: Files): Promise<Problem[]> {
    const id = ++this.#next;
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      this.#thread().postMessage({ id, files });
    });
  }

  /** Starts the thread and has it parse the libs, so the first real check is quick. */
  warmUp(): void {
    if (!this.#worker) void this.check({}).catch(() => {});
  }

  /** Ends the thread; checks still waiting fail. */
  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    await worker?.terminate();
  }

  #thread(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(new URL("./type-check-thread.mjs", import.meta.url), { workerData: { root: this.root } });
    worker.unref();
    worker.on("message", (answer: Answer) => {
      const waiting = this.#waiting.get(answer.id);
      this.#waiting.delete(answer.id);
      if (answer.error === undefined) waiting?.resolve(answer.problems);
      else waiting?.reject(new Error(`The type check failed: ${answer.error}`));
    });
    const fail = (error: Error) => {
      if (this.#worker === worker) this.#worker = undefined;
      for (const waiting of this.#waiting.values()) waiting.reject(new Error(`The type checker stopped: ${error.message}`));
      this.#waiting.clear();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`exit code ${code}`)));
    this.#worker = worker;
    return worker;
  }
}
