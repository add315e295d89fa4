import { SSEEvent } from "./sse-event.ts";

/** Options of an {@link EventStream}. */
export interface EventStreamOptions {
  /** Event name given to yielded strings and objects (default: none, so the browser's `message`). */
  eventType?: string;
  /** Send a `: heartbeat` comment after this many idle milliseconds; 0 turns it off (default 15 000). */
  heartbeatMs?: number;
  /** Reconnection delay sent to the browser (`retry:`) before the first event. */
  retry?: number;
}

/** A source of stream values: usually an async generator. */
export type StreamSource = AsyncIterable<unknown> | Iterable<unknown>;

/** The default idle time before a heartbeat comment, in milliseconds. */
export const DEFAULT_HEARTBEAT_MS = 15_000;

/**
 * Intent: answer with a Server-Sent Events stream fed by `source`.
 * Each yielded value becomes one event: a string is its data, an object is JSON,
 * an `SSEEvent` is sent as given, a `Fragment` is rendered HTML named after its target or block.
 */
export class EventStream {
  readonly eventType: string | undefined;
  readonly heartbeatMs: number;
  readonly retry: number | undefined;

  constructor(
    readonly source: StreamSource,
    options: EventStreamOptions = {},
  ) {
    if (source === null || typeof source !== "object" || !(Symbol.asyncIterator in source || Symbol.iterator in source)) {
      throw new TypeError("EventStream needs an async generator or another (async) iterable of values");
    }
    const heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
    if (!(Number.isFinite(heartbeatMs) && heartbeatMs >= 0)) {
      throw new TypeError(`EventStream heartbeatMs must be a non-negative number, got ${String(options.heartbeatMs)}`);
    }
    // Building a throwaway event validates eventType and retry with the event's own rules.
    new SSEEvent({ data: "", event: options.eventType, retry: options.retry });
    this.eventType = options.eventType;
    this.heartbeatMs = heartbeatMs;
    this.retry = options.retry;
    Object.freeze(this);
  }
}
