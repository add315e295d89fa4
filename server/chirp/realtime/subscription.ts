import type { Published } from "./published.ts";
import { RECONNECT } from "./reconnect.ts";
import type { SSEEvent } from "./sse-event.ts";

/** What a subscription yields: published values, a `reset` event, and the reconnect marker last. */
export type SubscriptionValue = Published | SSEEvent | typeof RECONNECT;

/** The channel side of a subscription. */
export interface SubscriptionHost {
  /** Stops delivering to `subscription`. */
  leave(subscription: Subscription): void;
  /** The `reset` event for a reader cut off for falling behind. */
  cutOffEvent(): SSEEvent;
}

/**
 * One reader of a channel: a bounded queue the channel fills without waiting and
 * the reader's stream drains, as an async iterator.
 *
 * It ends when `signals` abort (the client left: nothing more is sent) or when the
 * iterator is returned. A reader whose queue is full when another value arrives is
 * cut off: its queue is dropped, it leaves the channel, and its stream gets one
 * `reset` event and then ends without the close event, so the browser reconnects.
 */
export class Subscription implements AsyncIterableIterator<SubscriptionValue> {
  #queue: SubscriptionValue[];
  #head = 0;
  /** Set once nothing more will be queued: the reader left, was cut off or was told to reconnect. */
  #closed = false;
  /** Set while the reader waits in `next()` with nothing queued. */
  #wake: (() => void) | undefined;
  /** Offered each value that arrives while the reader waits; see {@link forwardTo}. */
  #forward: ((value: Published | SSEEvent) => boolean) | undefined;
  readonly #host: SubscriptionHost;
  readonly #limit: number;
  /** Client gone: end at once. */
  readonly #signal: AbortSignal;
  /** The route's own reason to end: reconnect. */
  readonly #reconnectSignal: AbortSignal | undefined;

  constructor(host: SubscriptionHost, init: { limit: number; signal: AbortSignal; reconnectSignal?: AbortSignal; preload: SubscriptionValue[] }) {
    this.#host = host;
    this.#limit = init.limit;
    this.#signal = init.signal;
    this.#reconnectSignal = init.reconnectSignal;
    this.#queue = init.preload;
    this.#signal.addEventListener("abort", this);
    this.#reconnectSignal?.addEventListener("abort", this);
    if (this.#signal.aborted) this.#end();
    else if (this.#reconnectSignal?.aborted) this.#reconnect();
  }

  /**
   * Has `forward` take each value that arrives while the reader waits in `next()` with
   * nothing queued, so a stream that keeps up sends a broadcast from inside
   * `publish()` without its reader waking. `forward` returns false to leave the value
   * to `next()` instead (e.g. the socket is full, or the event needs async work).
   */
  forwardTo(forward: (value: Published | SSEEvent) => boolean): void {
    this.#forward = forward;
  }

  /** Queues a published value (or a channel's `reset`), or cuts the reader off when its queue is full. Never waits. */
  deliver(value: Published | SSEEvent): void {
    if (this.#closed) return;
    if (this.#wake !== undefined && this.#forward?.(value)) return;
    if (this.#queue.length - this.#head >= this.#limit) {
      this.#close([this.#host.cutOffEvent(), RECONNECT]);
      return;
    }
    this.#queue.push(value);
    this.#wakeReader();
  }

  async next(): Promise<IteratorResult<SubscriptionValue, undefined>> {
    for (;;) {
      if (this.#head < this.#queue.length) {
        const value = this.#queue[this.#head] as SubscriptionValue;
        this.#head += 1;
        if (this.#head === this.#queue.length) {
          this.#queue = [];
          this.#head = 0;
        }
        return { value, done: false };
      }
      if (this.#closed) return { value: undefined, done: true };
      await new Promise<void>((resolve) => (this.#wake = resolve));
    }
  }

  async return(): Promise<IteratorResult<SubscriptionValue, undefined>> {
    this.#end();
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /**
   * Listens to its signals itself (an `EventListener` object), so a subscription
   * makes no closure of its own: the client's abort ends it, the route's asks the reader to reconnect.
   */
  handleEvent(event: Event): void {
    if (event.target === this.#signal) this.#end();
    else this.#reconnect();
  }

  /** The client left or the stream is finished: drop everything, send nothing more. */
  #end(): void {
    this.#close([]);
  }

  /** The route asked the reader to reconnect: what is queued is still sent, then the stream ends without the close event. */
  #reconnect(): void {
    this.#close([...this.#queue.slice(this.#head), RECONNECT]);
  }

  /** Leaves the channel, removes the listeners, and leaves only `last` to be read. */
  #close(last: SubscriptionValue[]): void {
    if (this.#closed) {
      if (last.length === 0) {
        this.#queue = [];
        this.#head = 0;
      }
      this.#wakeReader();
      return;
    }
    this.#closed = true;
    this.#host.leave(this);
    this.#signal.removeEventListener("abort", this);
    this.#reconnectSignal?.removeEventListener("abort", this);
    this.#queue = last;
    this.#head = 0;
    this.#wakeReader();
  }

  #wakeReader(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}
