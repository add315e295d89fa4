import type { Redis } from "ioredis";
import { count, DEFAULT_QUEUE, RESET_EVENT, resumeId, type ChannelOptions, type SubscribeOptions, type SubscribeRequest } from "../realtime/channel.ts";
import type { AppChannel } from "../realtime/channel-backend.ts";
import { Published } from "../realtime/published.ts";
import { SSEEvent } from "../realtime/sse-event.ts";
import { Subscription, type SubscriptionHost, type SubscriptionValue } from "../realtime/subscription.ts";
import { unsendable } from "../realtime/to-sse-event.ts";
import type { RedisLink } from "./redis-link.ts";
import { isAfter, STREAM_ID } from "./stream-id.ts";
import { decodeValue, encodeValue } from "./wire-value.ts";

/** Entries a channel without history still keeps in its stream, so a process that reads late misses nothing. */
const LEAST_KEPT = 1000;

/** One `XREAD`/`XRANGE` entry: its id and its field-value list. */
type Entry = [id: string, fields: string[]];

/**
 * A channel whose events go through a capped Redis Stream, so every process that
 * opens the same name shares one ordered sequence of events, one id sequence (the
 * stream's entry ids) and one history. Each process reads the stream once and fans
 * out to its own subscribers, so a `Fragment` is rendered once per process.
 */
export class RedisChannel implements AppChannel {
  readonly history: number;
  readonly queue: number;
  readonly #key: string;
  readonly #link: RedisLink;
  readonly #subscriptions = new Set<Subscription>();
  /** Subscriptions still joining (waiting for the reader's start or their replay), with the live events that came meanwhile. */
  readonly #resuming = new Map<Subscription, [streamId: string, published: Published][]>();
  /** The id of the newest entry this process has read. */
  #lastRead: string | undefined;
  /** Settles once the reader knows where the stream ended when the channel opened. */
  readonly #started: Promise<void>;
  readonly #host: SubscriptionHost = {
    leave: (subscription) => this.#subscriptions.delete(subscription) || this.#resuming.delete(subscription),
    cutOffEvent: () => this.#reset("this reader fell too far behind and was cut off"),
  };

  constructor(name: string, options: ChannelOptions, link: RedisLink) {
    if (options.firstId !== undefined) throw new TypeError(`redisChannels: channel ${JSON.stringify(name)} cannot take firstId: Redis gives the ids`);
    this.history = count("history", options.history, 0, 0);
    this.queue = count("queue", options.queue, DEFAULT_QUEUE, 1);
    this.#key = `${link.prefix}${name}`;
    this.#link = link;
    // Asked on the shared connection, so it is answered before any event this process publishes later.
    this.#started = link.commands.xrevrange(this.#key, "+", "-", "COUNT", 1).then(
      ([last]) => void (this.#lastRead ??= last?.[0] ?? "0-0"),
      () => void (this.#lastRead ??= "0-0"),
    );
    void this.#read(link.reader());
  }

  /** How many streams of this process get events now (one still joining is not counted yet). */
  get subscribers(): number {
    return this.#subscriptions.size;
  }

  /**
   * Appends `value` to the channel's stream; every process's subscribers get it in
   * stream order. Throws at once when the value cannot cross processes (not JSON) or
   * when too many publishes already wait for an unreachable Redis; the promise gives
   * the event's id (with `history`) once Redis has it.
   */
  publish(value: unknown): Promise<string | undefined> {
    const problem = unsendable(value);
    if (problem) throw new TypeError(`Channel.publish: ${problem}`);
    const text = encodeValue(value);
    const added = this.#link.append(this.#key, Math.max(this.history, LEAST_KEPT), text);
    const id = added.then((added) => (this.history > 0 ? (added ?? undefined) : undefined));
    id.catch(() => {}); // reported by the link; a caller that does not await must not crash the process
    return id;
  }

  subscribe(request: SubscribeRequest, options: SubscribeOptions = {}): AsyncIterableIterator<SubscriptionValue> {
    const subscription = new Subscription(this.#host, { limit: this.queue, signal: request.signal, reconnectSignal: options.signal, preload: [] });
    if (request.signal.aborted || options.signal?.aborted) return subscription;
    this.#resuming.set(subscription, []);
    void this.#join(subscription, this.history > 0 ? resumeId(request) : undefined);
    return subscription;
  }

  /**
   * Once the reader has started, gives a resuming reader the entries after `lastId` up to
   * where this process has read (or a reset), then what was read meanwhile, then the live events.
   */
  async #join(subscription: Subscription, lastId: string | undefined): Promise<void> {
    await this.#started;
    const upTo = this.#lastRead ?? "0-0";
    const replay =
      lastId === undefined
        ? []
        : await this.#replay(lastId, upTo).catch((error: unknown) => [this.#reset(`the channel's history could not be read: ${(error as Error).message}`)]);
    const meanwhile = this.#resuming.get(subscription);
    if (!meanwhile) return; // the reader left while we read
    this.#resuming.delete(subscription);
    this.#subscriptions.add(subscription);
    for (const value of replay) subscription.deliver(value);
    const seen = lastId !== undefined && STREAM_ID.test(lastId) && isAfter(lastId, upTo) ? lastId : upTo;
    for (const [streamId, live] of meanwhile) if (lastId === undefined || isAfter(streamId, seen)) subscription.deliver(live);
  }

  /**
   * The entries after `lastId` up to `upTo`, or a reset when `lastId` is not in the stream or
   * more than `history` events came after it (as in memory, though the stream keeps more), or
   * they are more than the queue holds.
   */
  async #replay(lastId: string, upTo: string): Promise<(Published | SSEEvent)[]> {
    const notKept = this.#reset(`Last-Event-ID ${JSON.stringify(lastId)} is not in this channel's history`);
    if (!STREAM_ID.test(lastId)) return [notKept];
    const [seen] = await this.#link.commands.xrange(this.#key, lastId, lastId);
    if (!seen) return [notKept];
    const limit = Math.min(this.history, this.queue) + 1;
    const missed = isAfter(upTo, lastId) ? await this.#link.commands.xrange(this.#key, `(${lastId}`, upTo, "COUNT", limit) : [];
    if (missed.length > this.history) return [notKept];
    if (missed.length > this.queue) return [this.#reset(`resuming would replay more than the ${this.queue} events the queue holds`)];
    return missed.map((entry) => this.#published(entry));
  }

  /** Reads the stream from where it ended when the channel opened, for as long as the link is open, fanning each entry out to this process's subscribers. */
  async #read(reader: Redis): Promise<void> {
    await this.#started;
    while (!this.#link.closed) {
      try {
        const reply = await reader.xread("COUNT", 1000, "BLOCK", 0, "STREAMS", this.#key, this.#lastRead ?? "0-0");
        for (const entry of reply?.[0]?.[1] ?? []) {
          this.#lastRead = entry[0];
          this.#fanOut(entry[0], this.#published(entry as Entry));
        }
      } catch (error) {
        if (this.#link.closed) return;
        this.#link.logger.error(`redisChannels: reading ${this.#key} failed, retrying: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }

  #fanOut(streamId: string, published: Published): void {
    for (const subscription of this.#subscriptions) subscription.deliver(published);
    for (const meanwhile of this.#resuming.values()) meanwhile.push([streamId, published]);
  }

  /** An entry as the value subscribers yield; its id is the stream id (kept for ordering even without history). */
  #published([id, fields]: Entry): Published {
    const text = fields[fields.indexOf("v") + 1] ?? "null";
    return new Published(decodeValue(text), this.history > 0 ? id : undefined);
  }

  /** The `reset` event: its id moves the reader to the newest event this process has read, so it resumes from there. */
  #reset(reason: string): SSEEvent {
    return new SSEEvent({ event: RESET_EVENT, id: this.history > 0 ? (this.#lastRead ?? "") : "", data: reason });
  }
}
