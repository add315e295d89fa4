import { issue, place, type Rule } from "../context.ts";
import { listenersOf } from "../sse-wiring.ts";

/**
 * `sse-self-swap` (error): `sse-swap` (or an `sse:` trigger) on the element that
 * carries `sse-connect`. htmx's SSE extension looks for listeners among the
 * connecting element's descendants, so the swap must sit on an element inside it.
 */
export const sseSelfSwap: Rule = (context) =>
  context.templates.flatMap((template) =>
    template.elements
      .filter((element) => element.attributes.has("sse-connect"))
      .flatMap((element) =>
        listenersOf(element).map((listener) =>
          issue(
            "error",
            "sse-self-swap",
            `${listener.attribute}="${element.attributes.get(listener.attribute)?.written}" sits on the same <${element.tag}> as sse-connect; ` +
              "move it to an element inside the one that connects.",
            place(context, { file: template.file, line: listener.line }),
          ),
        ),
      ),
  );
