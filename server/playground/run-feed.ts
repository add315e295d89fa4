import type { FeedMessage } from "../../common/playground-protocol.ts";

/** Gets a feed's messages, each with its number: its place in the feed, from 0. */
export type FeedListener = (message: FeedMessage, number: number) => void;

/** How many messages a feed keeps for pages that subscribe late. */
const KEPT = 5_000;

/**
 * The record of one run: connections and frames seen by the proxy, process
 * output and exit. Late subscribers get the history first, then live messages.
 */
export class RunFeed {
  readonly #history: FeedMessage[] = [];
  readonly #listeners = new Set<FeedListener>();
  /** How many messages were pushed: the next one's number. */
  #pushed = 0;

  /** Records `message` (the first {@link KEPT} only) and tells every subscriber, with its number (0, 1, 2…). */
  push(message: FeedMessage): void {
    const number = this.#pushed++;
    if (this.#history.length < KEPT) this.#history.push(message);
    for (const listener of this.#listeners) listener(message, number);
  }

  /**
   * Replays the history after message number `after` (all of it by default) to
   * `listener`, then sends it every new message until the returned function is called.
   */
  subscribe(listener: FeedListener, after = -1): () => void {
    for (let number = after + 1; number < this.#history.length; number++) listener(this.#history[number]!, number);
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** How many pages are watching. */
  get watchers(): number {
    return this.#listeners.size;
  }

  /** The messages so far. */
  get history(): readonly FeedMessage[] {
    return this.#history;
  }
}
