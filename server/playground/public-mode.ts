/**
 * How the playground behaves for the public (`--public-url`): only the unedited
 * examples run, each once, shared by every reader, and each reader's IP is held
 * to a number of run starts and open streams.
 */
export interface PublicMode {
  /** How long a shared run lives on after its last reader left (their view ends `pageGoneMs` after their page). */
  idleMs: number;
  /** Run and Test requests one IP may make in a minute. */
  startsPerMinute: number;
  /** Run feeds (one per reader watching a run) one IP may hold open at once. */
  streamsPerIp: number;
  /** Requests to runs one IP may hold open at once: a page's event streams stay open, its other requests pass quickly. */
  connectionsPerIp: number;
  /** Take a reader's IP from the last hop of `X-Forwarded-For` (only behind a proxy that sets it), not from the socket. */
  trustProxy: boolean;
}

/** The defaults: a shared run idles out after 5 minutes; 30 starts a minute, 12 open feeds and 48 open requests to runs per IP. */
export const DEFAULT_PUBLIC_MODE: Readonly<PublicMode> = Object.freeze({
  idleMs: 5 * 60_000,
  startsPerMinute: 30,
  streamsPerIp: 12,
  connectionsPerIp: 48,
  trustProxy: false,
});
