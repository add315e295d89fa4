import { issue, place, type Rule } from "../context.ts";
import { idExists } from "../template-ids.ts";

/**
 * `oob-unknown-target` (warning): a `Fragment` swapped out of band by an `OOB`
 * names a `target` that no element of any template has as its `id`, so htmx
 * finds nothing to swap and drops the fragment without a word.
 */
export const oobUnknownTarget: Rule = (context) => {
  const exists = idExists(context);
  return context.uses.flatMap((use) => {
    const target = use.outOfBandTarget;
    if (!target || exists(target)) return [];
    const message =
      `Fragment("${use.template}", "${use.block}") is swapped out of band into #${target}, but no template has an element with id="${target}": ` +
      "htmx will find nothing to swap and drop it. Correct the target, or give the element that id.";
    return [issue("warning", "oob-unknown-target", message, place(context, use))];
  });
};
