import { describeRoute, issue, place, type CheckContext, type CheckedRoute, type Rule } from "../context.ts";
import { connectedRoute, declaredEvents, listenersOf, sentEvents, streamSourceOf, type Listener } from "../sse-wiring.ts";

/** Every listener in the templates, with the route its stream comes from (undefined when that is not known). */
function allListeners(context: CheckContext): { listener: Listener; file: string; route: CheckedRoute | undefined }[] {
  return context.templates.flatMap((template) =>
    template.elements.flatMap((element) => {
      const route = connectedRoute(context, streamSourceOf(element));
      return listenersOf(element).map((listener) => ({ listener, file: template.file, route }));
    }),
  );
}

/**
 * `sse-event-mismatch`: a warning for an `sse-swap` (or `sse:` trigger) name
 * that the stream it listens to is declared never to send (its route's `events`,
 * plus the literal names published on channels the route subscribes to),
 * and an info for a declared event that no element listens to. A listener whose
 * stream is not known (its `sse-connect` lies in a layout) counts as listening to every stream.
 */
export const sseEventMismatch: Rule = (context) => {
  const listeners = allListeners(context);
  const unsent = listeners.flatMap(({ listener, file, route }) => {
    const events = route && declaredEvents(route);
    if (!route || !events || sentEvents(route).includes(listener.name) || listener.name === context.sseCloseEvent) return [];
    const message =
      `${listener.attribute} listens for "${listener.name}", but ${describeRoute(route.route)} declares only ` +
      `${events.map((name) => `"${name}"`).join(", ") || "no events"}; fix the name or add it to the route's \`events\`.`;
    return [issue("warning", "sse-event-mismatch", message, { ...place(context, { file, line: listener.line }), route: route.route.path })];
  });
  const unheard = context.routes.flatMap((checked) =>
    (declaredEvents(checked) ?? [])
      .filter((name) => name !== context.sseCloseEvent)
      .filter((name) => !listeners.some(({ listener, route }) => listener.name === name && (route === undefined || route === checked)))
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
