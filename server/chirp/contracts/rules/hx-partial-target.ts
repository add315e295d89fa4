import { issue, place, type Rule } from "../context.ts";
import { partialTarget } from "../../realtime/fragment-event.ts";
import { idExists } from "../template-ids.ts";

/** The id a partial's target selector names, when the selector is a plain `#id`. */
function targetId(selector: string): string | undefined {
  return /^#[\w-]+$/.test(selector) ? selector.slice(1) : undefined;
}

/**
 * `hx-partial-target` (warning, htmx 4 apps): an `<hx-partial>` aimed at an id no
 * template element has, so htmx finds nothing to swap and drops it. Checked for the
 * fragments the source yields or publishes (they travel as `<hx-partial>`, aimed at
 * their target or block) and for `<hx-partial hx-target="#…">` written in templates.
 */
export const hxPartialTarget: Rule = (context) => {
  if (context.htmx !== 4) return [];
  const exists = idExists(context);
  const fromSource = context.uses.flatMap((use) => {
    const id = use.streamedTarget === undefined ? undefined : targetId(partialTarget(use.streamedTarget));
    if (id === undefined || exists(id)) return [];
    const message =
      `Fragment("${use.template}", "${use.block}") is streamed as an <hx-partial> aimed at #${id}, but no template has an element with id="${id}": ` +
      "htmx will find nothing to swap and drop it. Give the element that id, or the fragment the target it should go to.";
    return [issue("warning", "hx-partial-target", message, place(context, use))];
  });
  const inTemplates = context.templates.flatMap((template) =>
    template.elements.flatMap((element) => {
      const target = element.tag === "hx-partial" ? element.attributes.get("hx-target") : undefined;
      const id = target && targetId(target.value.trim());
      if (!target || id === undefined || exists(id)) return [];
      const message = `<hx-partial hx-target="${target.written}"> names no element: no template has id="${id}", so htmx drops the partial.`;
      return [issue("warning", "hx-partial-target", message, place(context, { file: template.file, line: target.line }))];
    }),
  );
  return [...fromSource, ...inTemplates];
};
