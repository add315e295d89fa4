import { Fragment } from "../templating/fragment.ts";
import { SSEEvent } from "./sse-event.ts";

/** Renders a fragment's block to HTML. */
export type RenderFragment = (fragment: Fragment) => Promise<string>;

/**
 * Turns one value yielded into an `EventStream` into the event that goes on the wire.
 * Throws when the value cannot be sent (a render error, `undefined`, a function, a cycle).
 */
export async function toSSEEvent(value: unknown, renderFragment: RenderFragment, eventType?: string): Promise<SSEEvent> {
  if (value instanceof SSEEvent) return value;
  if (value instanceof Fragment) {
    return new SSEEvent({ data: await renderFragment(value), event: value.eventName });
  }
  if (typeof value === "string") return new SSEEvent({ data: value, event: eventType });
  if (value === undefined || value === null || typeof value === "function" || typeof value === "symbol") {
    throw new TypeError(`cannot send ${value === null ? "null" : typeof value} as an event; yield a string, an object, an SSEEvent or a Fragment`);
  }
  return new SSEEvent({ data: JSON.stringify(value), event: eventType });
}
