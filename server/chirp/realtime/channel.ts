import { Published } from "./published.ts";
import { SSEEvent } from "./sse-event.ts";
import { Subscription, type SubscriptionHost, type SubscriptionValue } from "./subscription.ts";
import { unsendable } from "./to-sse-event.ts";

/** Options of a {@link Channel}. */
export interface ChannelOptions {
  /**
   * Keep the last `history` events and give every event an id, so a reader that
   * reconnects with `Last-Event-ID` gets what it missed. Default 0: no ids, no replay.
   */
  history?: number;
  /**
   * How many events may wait for one subscriber; one more and it is cut off (a `reset`
   * event, then its stream ends so the browser reconnects). A replay larger than this
   * is answered with `reset` too. Default {@link DEFAULT_QUEUE}.
   */
  queue?: number;
  /**
   * The first event's id (default 1). Ids count up from it, so a start that grows
   * across restarts (e.g. `Date.now() * 1000`) keeps ids unique across them: an id
   * from an earlier run is then older than the history and gets `reset`.
   */
  firstId?: number;
}

/** What `subscribe()` reads from the request. */
export interface SubscribeRequest {
  /** Ends the subscription when it aborts (the client left). */
  signal: AbortSignal;
  /** The `Last-Event-ID` header. */
  lastEventId?: string | undefined;
  /** `lastEventId` here is used when the header is absent (for clients that cannot set headers). */
  query?: Readonly<Record<string, string | string[]>>;
}

/** Options of `subscribe()`. */
export interface SubscribeOptions {
  /** When it aborts, the stream ends without the close event, so the browser reconnects and resumes. */
  signal?: AbortSignal;
}

/** Events waiting for one subscriber before it is cut off, unless `queue` says otherwise. */
export const DEFAULT_QUEUE = 1000;

/** Name of the event that tells a page to reload its state: its reader missed events the channel cannot replay. */
export const RESET_EVENT = "reset";

/** `value` checked as a whole number of at least `least`, or `fallback` when unset. */
export function count(name: string, value: number | undefined, fallback: number, least: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < least) throw new TypeError(`Channel ${name} must be an integer of at least ${least}, got ${String(value)}`);
  return value;
}

/** The id a reader resumes after: the header, else the `lastEventId` query parameter. */
export function resumeId(request: SubscribeRequest): string | undefined {
  if (request.lastEventId !== undefined) return request.lastEventId;
  const fromQuery = request.query?.lastEventId;
  return Array.isArray(fromQuery) ? fromQuery[0] : fromQuery;
}

/**
 * Broadcasts values to every stream subscribed to it. `publish()` never waits for a
 * reader: each has a bounded queue, and one that falls further behind is cut off.
 * With `history`, events get ids and a reconnecting reader gets exactly the ones it missed.
 *
 * ```ts
 * const room = new Channel({ history: 100 });
 * app.route("/events", { referenced: true }, (req) => new EventStream(room.subscribe(req)));
 * room.publish(new Fragment("chat.html", "message", { text }));
 * ```
 */
export class Channel {
  /** How many events are kept for replay (0: none, and events have no id). */
  readonly history: number;
  /** How many events may wait for one subscriber. */
  readonly queue: number;
  /** The first event's id. */
  readonly firstId: number;
  readonly #subscriptions = new Set<Subscription>();
  /** The last `history` events, oldest first; their ids are consecutive. */
  #kept: Published[] = [];
  #nextId: number;
  /** Set while a publish hands its value out: a value published meanwhile (from a render it started) waits in `#pending`. */
  #delivering = false;
  readonly #pending: Published[] = [];
  readonly #host: SubscriptionHost = {
    leave: (subscription) => this.#subscriptions.delete(subscription),
    cutOffEvent: () => this.#reset("this reader fell too far behind and was cut off"),
  };

  constructor(options: ChannelOptions = {}) {
    this.history = count("history", options.history, 0, 0);
    this.queue = count("queue", options.queue, DEFAULT_QUEUE, 1);
    this.firstId = count("firstId", options.firstId, 1, 0);
    this.#nextId = this.firstId;
  }

  /** How many streams are subscribed now. */
  get subscribers(): number {
    return this.#subscriptions.size;
  }

  /** The id of the last event published, if the channel keeps history and has published any. */
  get lastEventId(): string | undefined {
    return this.#kept.at(-1)?.id;
  }

  /**
   * Sends `value` (a string, an object, an `SSEEvent` or a `Fragment`) to every
   * subscriber, at once and without waiting for any. With `history` it gets the next
   * id (replacing an `SSEEvent`'s own) and is kept; returns that id.
   */
  publish(value: unknown): string | undefined {
    const problem = unsendable(value);
    if (problem) throw new TypeError(`Channel.publish: ${problem}`);
    const published = new Published(value, this.history > 0 ? String(this.#nextId++) : undefined);
    if (this.history > 0) {
      this.#kept.push(published);
      if (this.#kept.length > this.history) this.#kept.shift();
    }
    if (this.#delivering) this.#pending.push(published);
    else this.#deliver(published);
    return published.id;
  }

  /**
   * Hands `published` to every subscriber, then what was published while it did, in order:
   * a stream may render an event inside `deliver()`, and a template may publish.
   */
  #deliver(published: Published): void {
    this.#delivering = true;
    try {
      for (let next: Published | undefined = published; next; next = this.#pending.shift()) {
        for (const subscription of this.#subscriptions) subscription.deliver(next);
      }
    } finally {
      this.#delivering = false;
    }
  }

  /**
   * Subscribes a stream from now on: `yield* room.subscribe(req)` in a route's
   * generator, or `new EventStream(room.subscribe(req))`. With history, a request
   * that carries `Last-Event-ID` (or `?lastEventId=`) first gets exactly the events
   * after that id; an id the history no longer holds, or never held, gets one `reset`
   * event instead. Ends when `req.signal` aborts, leaving nothing behind.
   */
  subscribe(request: SubscribeRequest, options: SubscribeOptions = {}): AsyncIterableIterator<SubscriptionValue> {
    const subscription = new Subscription(this.#host, {
      limit: this.queue,
      signal: request.signal,
      reconnectSignal: options.signal,
      preload: this.#replay(resumeId(request)),
    });
    if (!request.signal.aborted && !options.signal?.aborted) this.#subscriptions.add(subscription);
    return subscription;
  }

  /** What a reader that last saw `lastId` must get first: the events after it, or a reset. */
  #replay(lastId: string | undefined): SubscriptionValue[] {
    if (this.history === 0 || lastId === undefined) return [];
    const newest = this.#nextId - 1;
    const oldest = this.#kept[0] ? Number(this.#kept[0].id) : this.#nextId;
    const seen = /^\d{1,16}$/.test(lastId) ? Number(lastId) : Number.NaN;
    if (!(seen >= oldest - 1 && seen <= newest)) {
      return [this.#reset(`Last-Event-ID ${JSON.stringify(lastId)} is not in this channel's history`)];
    }
    const missed = this.#kept.slice(seen - oldest + 1);
    return missed.length > this.queue ? [this.#reset(`resuming would replay ${missed.length} events, more than the queue holds`)] : missed;
  }

  /** The `reset` event: its id moves the reader to the newest event, so it resumes from now. */
  #reset(reason: string): SSEEvent {
    return new SSEEvent({ event: RESET_EVENT, id: this.lastEventId ?? "", data: reason });
  }
}
