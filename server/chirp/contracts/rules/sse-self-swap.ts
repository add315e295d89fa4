import type { TemplateElement } from "../template-scan.ts";
import { issue, place, type Rule } from "../context.ts";
import { listenersOf, type Listener } from "../sse-wiring.ts";

/** htmx swap styles that replace the target element itself, and those that replace what is inside it. */
const REPLACES_ELEMENT = new Set(["outerHTML", "delete"]);
const REPLACES_CHILDREN = new Set(["innerHTML", "textContent"]);

/** What swapping into the connecting `element` breaks, if anything. */
function breakage(element: TemplateElement, inner: readonly Listener[]): string | undefined {
  const style = element.attributes.get("hx-swap")?.value.trim().split(/\s+/, 1)[0] || "innerHTML";
  if (REPLACES_ELEMENT.has(style)) {
    return `its ${style} swap removes the element, and with it the connection, at the first event. Swap into it (innerHTML, the default) or move the listener to an element inside it.`;
  }
  if (REPLACES_CHILDREN.has(style) && inner.length > 0) {
    const heard = inner.map((listener) => `${listener.attribute}="${listener.name}" on line ${listener.line}`).join(", ");
    return `its ${style} swap replaces everything inside it, the listeners there too (${heard}), which then hear nothing more. Move the listener to an element of its own inside, or swap with beforeend or afterbegin.`;
  }
  return undefined;
}

/**
 * `sse-self-swap` (error): a listener (`sse-swap`, or an `sse:` trigger) on the
 * element that carries `sse-connect`, where its swap breaks the wiring: an
 * `outerHTML` (or `delete`) swap removes the connecting element and closes its
 * stream, and an `innerHTML` swap wipes out the listeners inside it. Swapping into
 * the connecting element otherwise works (htmx-ext-sse wires the element itself).
 */
export const sseSelfSwap: Rule = (context) =>
  context.templates.flatMap((template) =>
    template.elements
      .filter((element) => element.attributes.has("sse-connect"))
      .flatMap((element) => {
        const inner = template.elements.filter((other) => other.source === element).flatMap(listenersOf);
        const broken = breakage(element, inner);
        if (!broken) return [];
        return listenersOf(element).map((listener) =>
          issue(
            "error",
            "sse-self-swap",
            `${listener.attribute}="${element.attributes.get(listener.attribute)?.written}" sits on the <${element.tag}> that carries sse-connect, and ${broken}`,
            place(context, { file: template.file, line: listener.line }),
          ),
        );
      }),
  );
