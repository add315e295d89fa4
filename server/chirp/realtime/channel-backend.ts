import { Channel, type ChannelOptions, type SubscribeOptions, type SubscribeRequest } from "./channel.ts";
import type { SubscriptionValue } from "./subscription.ts";

/**
 * A channel on any backend: what `app.channel()` returns. In memory it is a
 * {@link Channel}; on a shared backend (Redis) every process that opens the same
 * name shares one ordered stream of events, one id sequence and one history.
 */
export interface AppChannel {
  /** How many events are kept for replay (0: none, and events have no id). */
  readonly history: number;
  /** How many events may wait for one subscriber of this process. */
  readonly queue: number;
  /** How many streams of this process are subscribed now. */
  readonly subscribers: number;
  /**
   * Sends `value` to every subscriber. Returns its id (with `history`): at once in
   * memory, as a promise on a shared backend, which rejects when the event could not be
   * published (awaiting it is optional: a failure is also logged, never left unhandled).
   */
  publish(value: unknown): string | undefined | Promise<string | undefined>;
  /** Subscribes a stream from now on, first replaying what a `Last-Event-ID` missed. */
  subscribe(request: SubscribeRequest, options?: SubscribeOptions): AsyncIterableIterator<SubscriptionValue>;
}

/** Where an app's channels live: in this process (the default) or in a broker several processes share. */
export interface ChannelBackend {
  /** Makes the channel called `name`; the app calls it once per name. */
  open(name: string, options: ChannelOptions): AppChannel;
}

/** The default backend: each channel lives in this process only. */
export const memoryChannels: ChannelBackend = {
  open: (_name, options) => new Channel(options),
};
