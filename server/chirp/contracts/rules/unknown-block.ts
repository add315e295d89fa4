import { issue, place, type Rule } from "../context.ts";

/** `unknown-block` (error): a `Fragment`, `Page` or `ValidationError` in the app's source names a block its template (layouts included) does not define. */
export const unknownBlock: Rule = (context) =>
  context.uses.flatMap((use) => {
    const found = context.blocks.get(use.template);
    if (use.block === undefined || !found || !("blocks" in found) || found.blocks.includes(use.block)) return [];
    const known = found.blocks.map((name) => `"${name}"`).join(", ") || "none";
    return [issue("error", "unknown-block", `${use.kind}("${use.template}", "${use.block}"): ${use.template} has no block "${use.block}" (its blocks: ${known}).`, place(context, use))];
  });
