import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import type { Logger } from "../logger.ts";
import { appendOnce, defineAppendOnce } from "./append-once.ts";

/** Publishes that may wait for an unreachable Redis, unless `maxPending` says otherwise. */
export const DEFAULT_MAX_PENDING = 10_000;

/**
 * The connections of one `redisChannels()` backend: one for commands, shared by its
 * channels, and one per channel for its blocking read. While Redis is unreachable,
 * commands wait (up to `maxPending` publishes) and are sent when it is back.
 * Appends are idempotent: one sent twice after a lost reply adds one entry.
 */
export class RedisLink {
  /** The shared connection, for reads; publishes go through `append()`, which bounds how many wait. */
  readonly commands: Redis;
  /** Who appends through this link, unique among processes; with {@link #appended} it tags each append. */
  readonly #publisher = randomBytes(8).toString("hex");
  #appended = 0;
  readonly #readers: Redis[] = [];
  readonly #url: string;
  readonly #maxPending: number;
  #pending = 0;
  #closed = false;

  constructor(
    url: string,
    readonly prefix: string,
    maxPending: number,
    readonly logger: Logger,
  ) {
    this.#url = url;
    this.#maxPending = maxPending;
    this.commands = this.#connect("commands");
    defineAppendOnce(this.commands);
  }

  /** Whether `close()` was called. */
  get closed(): boolean {
    return this.#closed;
  }

  /** How many publishes are waiting for Redis now. */
  get pending(): number {
    return this.#pending;
  }

  /**
   * Appends `value` to the stream `key`, capped near `maxLen` entries, on the shared
   * connection; gives the entry's id. Throws at once when `maxPending` publishes already
   * wait for Redis; a failure is logged.
   */
  append(key: string, maxLen: number, value: string): Promise<string | null> {
    if (this.#closed) throw new Error("redisChannels: the backend is closed");
    if (this.#pending >= this.#maxPending) {
      throw new Error(`redisChannels: ${this.#pending} publishes already wait for Redis at ${this.#url} (maxPending ${this.#maxPending}); is it down?`);
    }
    this.#pending += 1;
    this.#appended += 1;
    const marks = `${this.prefix}publisher:${this.#publisher}`;
    const sent = appendOnce(this.commands, key, marks, maxLen, value, this.#publisher, this.#appended).finally(() => (this.#pending -= 1));
    sent.catch((error: unknown) => this.logger.error(`redisChannels: a command to ${this.#url} failed: ${(error as Error).message}`));
    return sent;
  }

  /** A new connection for one channel's blocking reads. */
  reader(): Redis {
    const reader = this.#connect("reader");
    this.#readers.push(reader);
    return reader;
  }

  /** Closes every connection; channels stop reading and publishing. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const connection of [this.commands, ...this.#readers]) connection.disconnect();
  }

  /** A connection that retries for ever, waits with its commands meanwhile, and reports going down and coming back once each. */
  #connect(role: string): Redis {
    const connection = new Redis(this.#url, { maxRetriesPerRequest: null, retryStrategy: (times) => Math.min(times * 100, 2000) });
    let down = false;
    connection.on("error", (error: Error) => {
      if (down || this.#closed) return;
      down = true;
      this.logger.warn(`redisChannels: ${role} connection to ${this.#url} lost (${error.message}); retrying, publishes wait`);
    });
    connection.on("ready", () => {
      if (!down) return;
      down = false;
      this.logger.info(`redisChannels: ${role} connection to ${this.#url} is back`);
    });
    return connection;
  }
}
