import { describeRoute, issue, place, type CheckContext, type CheckedRoute, type Rule } from "../context.ts";
import { connectedRoutes, declaredEvents, listenersOf, streamSourceOf, type Listener } from "../sse-wiring.ts";

/** Every listener in the templates, with the routes its stream comes from (none when no `sse-connect` above it is known). */
function allListeners(context: CheckContext): { listener: Listener; file: string; routes: CheckedRoute[] }[] {
  return context.templates.flatMap((template) =>
    template.elements.flatMap((element) => {
      const source = streamSourceOf(element);
      const routes = source ? connectedRoutes(context, source) : [];
      return listenersOf(element).map((listener) => ({ listener, file: template.file, routes }));
    }),
  );
}

/**
 * `sse-event-mismatch`: a warning for an `sse-swap` (or `sse:` trigger) name
 * that the stream it listens to is declared never to send (its route's `events`),
 * and an info for a declared event that no element listens to. A listener whose
 * `sse-connect` lies in another template (a layout) counts as listening to every stream.
 */
export const sseEventMismatch: Rule = (context) => {
  const listeners = allListeners(context);
  const unsent = listeners.flatMap(({ listener, file, routes }) => {
    const declaring = routes.filter((checked) => declaredEvents(checked) !== undefined);
    if (declaring.length === 0 || listener.name === context.sseCloseEvent) return [];
    if (declaring.some((checked) => declaredEvents(checked)?.includes(listener.name))) return [];
    const route = declaring[0] as CheckedRoute;
    const message =
      `${listener.attribute} listens for "${listener.name}", but ${describeRoute(route.route)} declares only ` +
      `${declaredEvents(route)?.map((name) => `"${name}"`).join(", ") || "no events"}; fix the name or add it to the route's \`events\`.`;
    return [issue("warning", "sse-event-mismatch", message, { ...place(context, { file, line: listener.line }), route: route.route.path })];
  });
  const unheard = context.routes.flatMap((checked) =>
    (declaredEvents(checked) ?? [])
      .filter((name) => name !== context.sseCloseEvent)
      .filter((name) => !listeners.some(({ listener, routes }) => listener.name === name && (routes.length === 0 || routes.includes(checked))))
      .map((name) =>
        issue(
          "info",
          "sse-event-mismatch",
          `${describeRoute(checked.route)} declares the event "${name}", but no element listens to it (sse-swap="${name}").`,
          { ...place(context, checked.site), route: checked.route.path },
        ),
      ),
  );
  return [...unsent, ...unheard];
};
