import { issue, place, type Rule } from "../context.ts";

/** `unknown-template` (error): a `Template` or `Fragment` in the app's source names a template that does not exist. */
export const unknownTemplate: Rule = (context) =>
  context.uses.flatMap((use) => {
    const found = context.blocks.get(use.template);
    if (!found || !("missing" in found)) return [];
    return [issue("error", "unknown-template", `${use.kind}("${use.template}"): no such template in ${found.missing}.`, place(context, use))];
  });
