import type { HtmxVersion } from "../htmx-version.ts";
import { escapeHtml } from "../escape-html.ts";
import type { Fragment } from "../templating/fragment.ts";
import { SSEEvent } from "./sse-event.ts";

/** A target that is a bare name, which htmx 4 needs written as an id selector. */
const BARE_ID = /^[A-Za-z_][\w-]*$/;

/** The CSS selector an `<hx-partial>` targets for a fragment's target: a bare name is an id (`feed` → `#feed`). */
export function partialTarget(target: string): string {
  return BARE_ID.test(target) ? `#${target}` : target;
}

/**
 * The event a rendered fragment goes on the wire as, in the app's htmx dialect.
 * htmx 2 (`sse-swap`) swaps events by name: the event is named after the
 * fragment's target. htmx 4 (`hx-sse`) swaps unnamed messages and routes each
 * `<hx-partial>` in them to its own target: the HTML is wrapped in one.
 */
export function fragmentEvent(fragment: Fragment, html: string, htmx: HtmxVersion): SSEEvent {
  if (htmx === 2) return new SSEEvent({ data: html, event: fragment.eventName });
  const swap = fragment.swap === undefined ? "" : ` hx-swap="${escapeHtml(fragment.swap)}"`;
  return new SSEEvent({ data: `<hx-partial hx-target="${escapeHtml(partialTarget(fragment.eventName))}"${swap}>${html}</hx-partial>` });
}
