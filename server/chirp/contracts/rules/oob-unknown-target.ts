import { issue, place, type Rule } from "../context.ts";

/** A template id as a pattern: a masked `{{ expression }}` part stands for any text. */
function idPattern(id: string): RegExp {
  const parts = id.split("{{___}}").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${parts.join(".+")}$`);
}

/**
 * `oob-unknown-target` (warning): a `Fragment` swapped out of band by an `OOB`
 * names a `target` that no element of any template has as its `id`, so htmx
 * finds nothing to swap and drops the fragment without a word.
 */
export const oobUnknownTarget: Rule = (context) => {
  const ids = context.templates.flatMap((template) => template.elements.flatMap((element) => element.attributes.get("id")?.value.trim() || []));
  const patterns = ids.map(idPattern);
  return context.uses.flatMap((use) => {
    const target = use.outOfBandTarget;
    if (!target || patterns.some((pattern) => pattern.test(target))) return [];
    const message =
      `Fragment("${use.template}", "${use.block}") is swapped out of band into #${target}, but no template has an element with id="${target}": ` +
      "htmx will find nothing to swap and drop it. Correct the target, or give the element that id.";
    return [issue("warning", "oob-unknown-target", message, place(context, use))];
  });
};
