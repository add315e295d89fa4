import { describeRoute, issue, place, type Rule } from "../context.ts";
import { isConnectLink } from "../sse-wiring.ts";

/**
 * `stream-needs-sse` (error, htmx 2 apps): an `hx-get`, `hx-post` or other htmx request
 * attribute reaching a route that answers with an `EventStream`. htmx 2 reads the
 * response whole and swaps the raw event text; only `sse-connect` streams. htmx 4
 * streams any response that is an event stream, so there the same wiring is right.
 */
export const streamNeedsSse: Rule = (context) => {
  if (context.htmx !== 2) return [];
  return context.links
    .filter((link) => link.attribute.startsWith("hx-") && !isConnectLink(link))
    .flatMap((link) => {
      const route = context.targets.get(link)?.route;
      if (!route?.stream) return [];
      const message =
        `${link.attribute}="${link.written}" requests ${describeRoute(route.route)}, which answers with an EventStream; htmx 2 would swap the raw event text. ` +
        "Open it with sse-connect, or run the app on htmx 4, which streams any request's events.";
      return [issue("error", "stream-needs-sse", message, { ...place(context, { file: link.template.file, line: link.line }), route: route.route.path })];
    });
};
