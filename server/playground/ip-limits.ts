import { HttpError } from "chirp";
import type { PublicMode } from "./public-mode.ts";

const MINUTE = 60_000;

/**
 * Public mode's per-IP counters: run starts within the last minute, and streams
 * open now. Going over either is refused with a 429 whose message says what the
 * limit is and whose `Retry-After` says when to try again.
 */
export class IpLimits {
  readonly #starts = new Map<string, number[]>();
  readonly #streams = new Map<string, number>();

  constructor(readonly mode: Pick<PublicMode, "startsPerMinute" | "streamsPerIp">) {}

  /** Counts a run start by `ip`; throws a 429 when `ip` made `startsPerMinute` in the last minute. */
  start(ip: string): void {
    const now = Date.now();
    const recent = (this.#starts.get(ip) ?? []).filter((at) => now - at < MINUTE);
    if (recent.length >= this.mode.startsPerMinute) {
      const seconds = Math.max(1, Math.ceil((recent[0]! + MINUTE - now) / 1000));
      throw new HttpError(429, `Too many runs from your address: at most ${this.mode.startsPerMinute} a minute on this public server. Try again in ${seconds} s.`, { "retry-after": String(seconds) });
    }
    recent.push(now);
    this.#starts.set(ip, recent);
    this.#sweep(now);
  }

  /** Counts a stream opened by `ip` until the returned function is called; throws a 429 when `ip` holds `streamsPerIp` already. */
  stream(ip: string): () => void {
    const open = this.#streams.get(ip) ?? 0;
    if (open >= this.mode.streamsPerIp) {
      throw new HttpError(429, `Too many open streams from your address: at most ${this.mode.streamsPerIp} at once on this public server. Close other example pages, then try again.`, { "retry-after": "10" });
    }
    this.#streams.set(ip, open + 1);
    let closed = false;
    return () => {
      if (closed) return;
      closed = true;
      const left = (this.#streams.get(ip) ?? 1) - 1;
      if (left > 0) this.#streams.set(ip, left);
      else this.#streams.delete(ip);
    };
  }

  /** Forgets the addresses whose starts are all older than a minute, once the map holds many. */
  #sweep(now: number): void {
    if (this.#starts.size < 1_000) return;
    for (const [ip, times] of this.#starts) if (now - times.at(-1)! >= MINUTE) this.#starts.delete(ip);
  }
}
