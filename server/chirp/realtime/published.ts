import { isThenable } from "../is-thenable.ts";
import type { SSEEvent } from "./sse-event.ts";

/** Marks a kept render's failure as seen: each stream that reads the event still gets it. */
function ignore(): void {}

/**
 * One value published on a channel, with the id the channel gave it. Every
 * subscriber of the channel yields the same `Published`, so the event it becomes
 * (a rendered `Fragment`, JSON…) is made once and shared, not once per subscriber.
 */
export class Published {
  /** The event last made, and what it was made with: streams of one app share it. */
  #made: { renderer: object; eventType: string | undefined; event: SSEEvent | Promise<SSEEvent> } | undefined;

  constructor(
    readonly value: unknown,
    readonly id: string | undefined,
  ) {
    Object.freeze(this);
  }

  /** The event made for this value by `renderer` and `eventType`, if one was made and kept. */
  madeFor(renderer: object, eventType: string | undefined): SSEEvent | Promise<SSEEvent> | undefined {
    const made = this.#made;
    return made && made.renderer === renderer && made.eventType === eventType ? made.event : undefined;
  }

  /**
   * Keeps `event` as the one `renderer` and `eventType` made for this value, for the next stream that asks; returns it.
   * An event still being made may be read by no stream (the one that started it can leave or be cut off first),
   * so its failure is handled here rather than left an unhandled rejection.
   */
  keep(renderer: object, eventType: string | undefined, event: SSEEvent | Promise<SSEEvent>): SSEEvent | Promise<SSEEvent> {
    if (isThenable(event)) event.then(undefined, ignore);
    this.#made = { renderer, eventType, event };
    return event;
  }
}
