import { issue, place, type Rule } from "../context.ts";
import { connectedRoute, sentEvents, streamSourceOf } from "../sse-wiring.ts";

/** The attributes that close a stream on an event: htmx 2's, and htmx 4's. */
const CLOSE_ATTRIBUTES = ["sse-close", "hx-sse:close"] as const;

/**
 * `sse-close-unsent` (warning): `sse-close="x"` (or `hx-sse:close="x"`) where neither the app's
 * `sseCloseEvent` nor the connected stream's declared `events` (or the literal
 * event names published on channels it subscribes to) include `x`,
 * so nothing tells htmx to stop and it reconnects when the stream ends.
 */
export const sseCloseUnsent: Rule = (context) =>
  context.templates.flatMap((template) =>
    template.elements.flatMap((element) => {
      const attribute = CLOSE_ATTRIBUTES.find((one) => element.attributes.has(one));
      const close = attribute && element.attributes.get(attribute);
      const name = close?.value.trim();
      if (!close || !name) return [];
      const route = connectedRoute(context, streamSourceOf(element));
      if (name === context.sseCloseEvent || (route && sentEvents(route).includes(name))) return [];
      const closing = context.sseCloseEvent === undefined ? "the app sets no sseCloseEvent" : `the app's sseCloseEvent is "${context.sseCloseEvent}"`;
      const message =
        `${attribute}="${close.written}" waits for an event the stream is not known to send: ${closing} and no connected route declares "${name}" in its \`events\` or publishes it on a channel it subscribes to. ` +
        `Set AppConfig sseCloseEvent to "${name}", or declare it in the route's \`events\`.`;
      return [issue("warning", "sse-close-unsent", message, { ...place(context, { file: template.file, line: close.line }), route: route?.route.path })];
    }),
  );
