import { issue, place, type Rule } from "../context.ts";
import { pageAncestors, type PlacedElement } from "../page-ancestors.ts";
import { listenersOf } from "../sse-wiring.ts";
import type { TemplateElement, TemplateFile } from "../template-scan.ts";

/** Whether `element`'s `hx-disinherit` stops its descendants from inheriting `hx-target`. */
function disinheritsTarget(element: TemplateElement): boolean {
  const names = element.attributes.get("hx-disinherit")?.value.trim().split(/\s+/) ?? [];
  return names.includes("*") || names.includes("hx-target");
}

/**
 * The ancestor above `connect` whose `hx-target` the `sse-swap` element `element`
 * inherits, found as htmx looks for it in the rendered page (layouts included): the
 * closest element with `hx-target`, unless an `hx-disinherit` covering it (or
 * `hx-target="unset"`) comes first. None when the target is set on the element, on
 * `connect` or between them: that is deliberate.
 */
function inheritedTarget(templates: readonly TemplateFile[], template: TemplateFile, element: TemplateElement, connect: TemplateElement): PlacedElement | undefined {
  let above = false;
  for (const placed of [{ template, element }, ...pageAncestors(templates, template, element)]) {
    const ancestor = placed.element;
    if (ancestor !== element && disinheritsTarget(ancestor)) return undefined;
    const target = ancestor.attributes.get("hx-target");
    if (target) return above && target.value.trim() !== "unset" ? placed : undefined;
    if (ancestor === connect) above = true;
  }
  return undefined;
}

/**
 * `sse-inherited-target` (warning): `sse-swap` elements inside an `sse-connect`
 * inherit an `hx-target` from an ancestor of the connecting element, so htmx swaps
 * each event into that target instead of into the listening element. One issue per
 * `sse-connect` and ancestor, at the `sse-connect` line.
 */
export const sseInheritedTarget: Rule = (context) =>
  context.templates.flatMap((template) => {
    // Every swap that gets past its sse-connect meets the same ancestors above it: one entry per sse-connect.
    const found = new Map<TemplateElement, { connect: TemplateElement; ancestor: PlacedElement; swaps: string[] }>();
    for (const element of template.elements) {
      // htmx 2 only: htmx 4 has no sse-swap, and hx-sse:connect's swaps are the partials' own.
      const connect = element.source?.attributes.has("sse-connect") ? element.source : undefined;
      const swaps = listenersOf(element).filter((listener) => listener.attribute === "sse-swap");
      const ancestor = connect && swaps.length > 0 ? inheritedTarget(context.templates, template, element, connect) : undefined;
      if (!connect || !ancestor) continue;
      const entry = found.get(connect) ?? { connect, ancestor, swaps: [] };
      entry.swaps.push(...swaps.map((swap) => swap.name));
      found.set(connect, entry);
    }
    return [...found.values()].map(({ connect, ancestor, swaps }) => {
      const target = ancestor.element.attributes.get("hx-target")!;
      const where = ancestor.template === template ? `line ${target.line}` : `${place(context, { file: ancestor.template.file, line: target.line }).file}:${target.line}`;
      return issue(
        "warning",
        "sse-inherited-target",
        `sse-swap="${swaps.join(", ")}" inside sse-connect="${connect.attributes.get("sse-connect")!.written}" inherits hx-target="${target.written}" ` +
          `(set on a <${ancestor.element.tag}> at ${where}), so each event is swapped into that target instead of the listening element. ` +
          `Add hx-disinherit="hx-target" to that <${ancestor.element.tag}> or to the sse-connect element, or give the listening element its own hx-target.`,
        place(context, { file: template.file, line: connect.attributes.get("sse-connect")!.line }),
      );
    });
  });
