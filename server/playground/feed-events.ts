import { SSEEvent } from "chirp";
import type { Run } from "./run.ts";
import type { RunRegistry } from "./run-registry.ts";

/**
 * A run's feed as Server-Sent Events for the page watching it: each message is
 * one event named by its type with JSON data, history first; the stream ends
 * after the run's `exit`. While it is open the page counts as watching the run;
 * `ended` is called once it is over.
 */
export async function* feedEvents(registry: RunRegistry, run: Run, signal: AbortSignal, ended: () => void = () => {}): AsyncGenerator<SSEEvent> {
  const waiting: SSEEvent[] = [];
  let wake = () => {};
  let over = false;
  const unwatch = registry.watch(run, (message) => {
    waiting.push(new SSEEvent({ event: message.type, data: JSON.stringify(message) }));
    over ||= message.type === "exit";
    wake();
  });
  const abort = () => wake();
  signal.addEventListener("abort", abort);
  try {
    while (!signal.aborted) {
      const next = waiting.shift();
      if (next) {
        yield next;
        continue;
      }
      if (over || run.state === "ended") return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    signal.removeEventListener("abort", abort);
    unwatch();
    ended();
  }
}
