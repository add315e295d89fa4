import { SSEEvent } from "chirp";
import type { Run } from "./run.ts";
import type { RunRegistry } from "./run-registry.ts";

/** The feed message a `Last-Event-ID` names (a feed's ids are its message numbers), or undefined for none or a malformed one. */
export function resumedAfter(lastEventId: string | undefined): number | undefined {
  return lastEventId !== undefined && /^\d{1,9}$/.test(lastEventId) ? Number(lastEventId) : undefined;
}

/**
 * A run's feed as Server-Sent Events for the page watching it: each message is
 * one event named by its type with JSON data and its number as id, history first
 * (after message `after`, for a page whose feed reconnected, so it sees nothing
 * twice); the stream ends after the run's `exit`. While it is open the page counts
 * as watching the run; `ended` is called once it is over.
 */
export async function* feedEvents(
  registry: RunRegistry,
  run: Run,
  signal: AbortSignal,
  ended: () => void = () => {},
  after?: number,
): AsyncGenerator<SSEEvent> {
  const waiting: SSEEvent[] = [];
  let wake = () => {};
  let over = false;
  const unwatch = registry.watch(
    run,
    (message, number) => {
      waiting.push(new SSEEvent({ event: message.type, id: String(number), data: JSON.stringify(message) }));
      over ||= message.type === "exit";
      wake();
    },
    after,
  );
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
