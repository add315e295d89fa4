import type { CheckContext, CheckedRoute } from "./context.ts";
import type { TemplateLink } from "./links.ts";
import { CONNECT_ATTRIBUTES, connectAttribute, type TemplateElement } from "./template-scan.ts";

/** An SSE event name an element listens to, and the attribute that says so. */
export interface Listener {
  name: string;
  attribute: "sse-swap" | "hx-trigger";
  line: number;
}

/** The events `element` listens to: each name of `sse-swap="a, b"` and each `sse:name` trigger of `hx-trigger`. */
export function listenersOf(element: TemplateElement): Listener[] {
  const swap = element.attributes.get("sse-swap");
  const trigger = element.attributes.get("hx-trigger");
  const swaps = (swap?.value.split(",") ?? []).map((name) => ({ name: name.trim(), attribute: "sse-swap" as const, line: swap?.line ?? element.line }));
  const triggers = (trigger?.value.split(",") ?? [])
    .map((spec) => spec.trim().split(/[\s[]/, 1)[0] ?? "")
    .filter((name) => name.startsWith("sse:"))
    .map((name) => ({ name: name.slice("sse:".length), attribute: "hx-trigger" as const, line: trigger?.line ?? element.line }));
  return [...swaps, ...triggers].filter((listener) => listener.name !== "");
}

/** The element whose stream `element` listens to: itself when it connects, else its nearest connecting ancestor. */
export function streamSourceOf(element: TemplateElement): TemplateElement | undefined {
  return connectAttribute(element) ? element : element.source;
}

/** The route `element`'s `sse-connect` (or `hx-sse:connect`) URL reaches, if the element connects and the URL is known. */
export function connectedRoute(context: CheckContext, element: TemplateElement | undefined): CheckedRoute | undefined {
  const link = context.links.find((one) => one.element === element && isConnectLink(one));
  return link && context.targets.get(link)?.route;
}

/** Whether a link opens a stream (`sse-connect`, `hx-sse:connect`) rather than linking to a page. */
export function isConnectLink(link: TemplateLink): boolean {
  return (CONNECT_ATTRIBUTES as readonly string[]).includes(link.attribute);
}

/** The events a route declares with its `events` option, or undefined when it declares none. */
export function declaredEvents(checked: CheckedRoute): readonly string[] | undefined {
  return checked.route.options.events;
}

/** The events a route is known to send: those it declares and those published with a literal name on channels it subscribes to. */
export function sentEvents(checked: CheckedRoute): string[] {
  return [...(declaredEvents(checked) ?? []), ...checked.sent];
}
