import type { HtmxVersion } from "../config.ts";
import { Fragment } from "../templating/fragment.ts";
import { fragmentEvent } from "./fragment-event.ts";
import { SSEEvent } from "./sse-event.ts";

/** Renders a fragment's block to HTML: at once when the template needs no asynchronous work. */
export type RenderFragment = (fragment: Fragment) => string | Promise<string>;

/**
 * Turns one value yielded into an `EventStream` into the event that goes on the wire;
 * a `Fragment` goes as the app's htmx version swaps it (see `fragmentEvent`). The
 * event comes back at once unless rendering a fragment has to wait, so a stream of
 * ready values makes no promise per event. Throws (or rejects) when the value
 * cannot be sent (a render error, `undefined`, a function, a cycle).
 */
export function toSSEEvent(value: unknown, renderFragment: RenderFragment, eventType: string | undefined, htmx: HtmxVersion): SSEEvent | Promise<SSEEvent> {
  if (value instanceof SSEEvent) return value;
  if (value instanceof Fragment) {
    const html = renderFragment(value);
    return typeof html === "string" ? fragmentEvent(value, html, htmx) : html.then((data) => fragmentEvent(value, data, htmx));
  }
  if (typeof value === "string") return new SSEEvent({ data: value, event: eventType });
  if (value === undefined || value === null || typeof value === "function" || typeof value === "symbol") {
    throw new TypeError(`cannot send ${value === null ? "null" : typeof value} as an event; yield a string, an object, an SSEEvent or a Fragment`);
  }
  return new SSEEvent({ data: JSON.stringify(value), event: eventType });
}
