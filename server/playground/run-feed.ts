import type { FeedMessage } from "../../common/playground-protocol.ts";

/** How many messages a feed keeps for pages that subscribe late. */
const KEPT = 5_000;

/**
 * The record of one run: connections and frames seen by the proxy, process
 * output and exit. Late subscribers get the history first, then live messages.
 */
export class RunFeed {
  readonly #history: FeedMessage[] = [];
  readonly #listeners = new Set<(message: FeedMessage) => void>();

  /** Records `message` (the first {@link KEPT} only) and tells every subscriber. */
  push(message: FeedMessage): void {
    if (this.#history.length < KEPT) this.#history.push(message);
    for (const listener of this.#listeners) listener(message);
  }

  /** Replays the history to `listener`, then sends it every new message until the returned function is called. */
  subscribe(listener: (message: FeedMessage) => void): () => void {
    for (const message of this.#history) listener(message);
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
