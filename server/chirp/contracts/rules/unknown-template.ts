import { issue, place, type Rule } from "../context.ts";

/** `unknown-template` (error): a `Template` or `Fragment` in the app's source names a template that is missing or does not compile. */
export const unknownTemplate: Rule = (context) =>
  context.uses.flatMap((use) => {
    const found = context.blocks.get(use.template);
    if (!found || !("problem" in found)) return [];
    return [issue("error", "unknown-template", `${use.kind}("${use.template}"): ${found.problem}.`, place(context, use))];
  });
