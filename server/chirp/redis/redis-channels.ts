import type { ChannelBackend } from "../realtime/channel-backend.ts";
import { consoleLogger, type Logger } from "../logger.ts";
import { RedisChannel } from "./redis-channel.ts";
import { DEFAULT_MAX_PENDING, RedisLink } from "./redis-link.ts";

/** Options of {@link redisChannels}. */
export interface RedisChannelsOptions {
  /** The Redis to share, e.g. `redis://127.0.0.1:6379`. */
  url: string;
  /** Prefix of the stream keys; channel `room` is the stream `<prefix>room`. Default `chirp:channel:`. */
  prefix?: string;
  /**
   * How many publishes may wait while Redis is unreachable; one more throws a clear
   * error at once. The waiting ones are sent, in order, when Redis is back. Default 10 000.
   */
  maxPending?: number;
  /** Where connection losses and failures are reported. Default: the console. */
  logger?: Logger;
}

/** A channel backend whose channels several processes share through one Redis; `close()` ends its connections. */
export interface RedisChannels extends ChannelBackend {
  /** How many publishes are waiting for Redis now. */
  readonly pending: number;
  close(): Promise<void>;
}

/**
 * Channels shared by every process that uses the same Redis: `app.channel("room")`
 * in each of them is one ordered stream of events (a capped Redis Stream) with one id
 * sequence and one history, so a reader resumes on any process.
 *
 * ```ts
 * const app = new App({ config: new AppConfig({ channels: redisChannels({ url: process.env.CHIRP_REDIS_URL }) }) });
 * ```
 */
export function redisChannels(options: RedisChannelsOptions): RedisChannels {
  if (typeof options.url !== "string" || !/^rediss?:\/\//.test(options.url)) {
    throw new TypeError(`redisChannels: url must be a redis:// or rediss:// URL, got ${JSON.stringify(options.url)}`);
  }
  const maxPending = options.maxPending ?? DEFAULT_MAX_PENDING;
  if (!(Number.isSafeInteger(maxPending) && maxPending > 0)) throw new TypeError(`redisChannels: maxPending must be a positive integer, got ${String(options.maxPending)}`);
  let link: RedisLink | undefined;
  const connected = () => (link ??= new RedisLink(options.url, options.prefix ?? "chirp:channel:", maxPending, options.logger ?? consoleLogger));
  return {
    open: (name, channelOptions) => new RedisChannel(name, channelOptions, connected()),
    get pending() {
      return link?.pending ?? 0;
    },
    close: async () => link?.close(),
  };
}
