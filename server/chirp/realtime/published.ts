import type { SSEEvent } from "./sse-event.ts";

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

  /** The event for this value, made by `make` the first time `renderer` and `eventType` ask, then reused. */
  eventFor(renderer: object, eventType: string | undefined, make: () => SSEEvent | Promise<SSEEvent>): SSEEvent | Promise<SSEEvent> {
    const made = this.#made;
    if (made && made.renderer === renderer && made.eventType === eventType) return made.event;
    const event = make();
    this.#made = { renderer, eventType, event };
    return event;
  }
}
