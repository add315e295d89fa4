import type { HtmxVersion } from "../htmx-version.ts";
import { Fragment } from "../templating/fragment.ts";
import { fragmentEvent } from "./fragment-event.ts";
import { Published } from "./published.ts";
import { SSEEvent } from "./sse-event.ts";

/** Renders a fragment's block to HTML: at once when the template needs no asynchronous work. */
export type RenderFragment = (fragment: Fragment) => string | Promise<string>;

/** Why `value` cannot be sent as an event, or undefined when it can. */
export function unsendable(value: unknown): string | undefined {
  if (value === undefined || value === null || typeof value === "function" || typeof value === "symbol") {
    return `cannot send ${value === null ? "null" : typeof value} as an event; yield a string, an object, an SSEEvent or a Fragment`;
  }
  return undefined;
}

/**
 * Turns one value yielded into an `EventStream` into the event that goes on the wire;
 * a `Fragment` goes as the app's htmx version swaps it (see `fragmentEvent`). The
 * event comes back at once unless rendering a fragment has to wait, so a stream of
 * ready values makes no promise per event. A channel's `Published` value is made
 * into its event once for every stream of the same app, and carries the channel's id. Throws (or rejects) when the value
 * cannot be sent (a render error, `undefined`, a function, a cycle).
 */
export function toSSEEvent(value: unknown, renderFragment: RenderFragment, eventType: string | undefined, htmx: HtmxVersion): SSEEvent | Promise<SSEEvent> {
  if (value instanceof Published) {
    return value.madeFor(renderFragment, eventType) ?? value.keep(renderFragment, eventType, publishedEvent(value, renderFragment, eventType, htmx));
  }
  if (value instanceof SSEEvent) return value;
  if (value instanceof Fragment) {
    const html = renderFragment(value);
    return typeof html === "string" ? fragmentEvent(value, html, htmx) : html.then((data) => fragmentEvent(value, data, htmx));
  }
  if (typeof value === "string") return new SSEEvent({ data: value, event: eventType });
  const problem = unsendable(value);
  if (problem) throw new TypeError(problem);
  return new SSEEvent({ data: JSON.stringify(value), event: eventType });
}

/**
 * The event a channel's value goes out as: made from the value, carrying the channel's id.
 * A value that cannot be made comes back as a rejected promise, so that its failure is
 * kept like an event and every stream gets it without making it again.
 */
function publishedEvent(published: Published, renderFragment: RenderFragment, eventType: string | undefined, htmx: HtmxVersion): SSEEvent | Promise<SSEEvent> {
  let made: SSEEvent | Promise<SSEEvent>;
  try {
    made = toSSEEvent(published.value, renderFragment, eventType, htmx);
  } catch (error) {
    return Promise.reject(error);
  }
  const withId = (event: SSEEvent) => (published.id === undefined ? event : new SSEEvent({ ...event, id: published.id }));
  return made instanceof SSEEvent ? withId(made) : made.then(withId);
}
