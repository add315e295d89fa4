import { HttpError } from "chirp";
import type { PublicMode } from "./public-mode.ts";

const MINUTE = 60_000;

/** Why a request was refused: what the limit is, and how many seconds until it may be tried again. */
export interface Refusal {
  message: string;
  retryAfter: number;
}

/** A refusal as the 429 a route throws, `Retry-After` included. */
export function tooMany(refusal: Refusal): HttpError {
  return new HttpError(429, refusal.message, { "retry-after": String(refusal.retryAfter) });
}

/** What an address does a number of times a minute: start a run (Run, Test) or have its code type-checked. */
export type Counted = "run" | "check";

const COUNTED_NAMES: Record<Counted, string> = { run: "runs", check: "type checks" };

/**
 * Public mode's per-IP counters: run starts and type checks within the last minute
 * (each kind counted apart, each allowed `startsPerMinute`: a Run or a Test asks
 * for one of each), run feeds and requests to runs open now. Going over any is
 * refused with a 429 whose message says what the limit is and whose `Retry-After`
 * says when to try again.
 */
export class IpLimits {
  /** When each kind and address (`check 203.0.113.7`) was counted in the last minute. */
  readonly #recent = new Map<string, number[]>();
  /** Open requests by kind and address (`feed 203.0.113.7`). */
  readonly #open = new Map<string, number>();

  constructor(readonly mode: Pick<PublicMode, "startsPerMinute" | "streamsPerIp" | "connectionsPerIp">) {}

  /** Counts a `kind` by `ip`; throws a 429 when `ip` made `startsPerMinute` of them in the last minute. */
  count(ip: string, kind: Counted): void {
    const now = Date.now();
    const key = `${kind} ${ip}`;
    const recent = (this.#recent.get(key) ?? []).filter((at) => now - at < MINUTE);
    if (recent.length >= this.mode.startsPerMinute) {
      const seconds = Math.max(1, Math.ceil((recent[0]! + MINUTE - now) / 1000));
      const message = `Too many ${COUNTED_NAMES[kind]} from your address: at most ${this.mode.startsPerMinute} a minute on this public server. Try again in ${seconds} s.`;
      throw tooMany({ message, retryAfter: seconds });
    }
    recent.push(now);
    this.#recent.set(key, recent);
    this.#sweep(now);
  }

  /**
   * Counts a request `ip` opened, of `kind` (a run's feed, or a request to a run:
   * the ones that stay open are its event streams), until the returned function is
   * called; a {@link Refusal} when `ip` holds as many of that kind as it may
   * (`streamsPerIp` feeds, `connectionsPerIp` requests to runs).
   */
  open(ip: string, kind: "feed" | "run"): (() => void) | Refusal {
    const key = `${kind} ${ip}`;
    const open = this.#open.get(key) ?? 0;
    const [limit, what] = kind === "feed" ? [this.mode.streamsPerIp, "open streams"] : [this.mode.connectionsPerIp, "open connections to the examples"];
    if (open >= limit) {
      return { message: `Too many ${what} from your address: at most ${limit} at once on this public server. Close other example pages, then try again.`, retryAfter: 10 };
    }
    this.#open.set(key, open + 1);
    let closed = false;
    return () => {
      if (closed) return;
      closed = true;
      const left = (this.#open.get(key) ?? 1) - 1;
      if (left > 0) this.#open.set(key, left);
      else this.#open.delete(key);
    };
  }

  /** Forgets the addresses whose counts are all older than a minute, once the map holds many. */
  #sweep(now: number): void {
    if (this.#recent.size < 1_000) return;
    for (const [key, times] of this.#recent) if (now - times.at(-1)! >= MINUTE) this.#recent.delete(key);
  }
}
