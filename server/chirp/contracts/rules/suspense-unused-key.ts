import { issue, place, type Rule } from "../context.ts";

/**
 * `suspense-unused-key` (warning): a `Suspense` defers a context key (its value
 * is a call, taken to be a promise) that no block of the template reads, so its
 * value is never sent: the shell renders it undefined and no block follows.
 */
export const suspenseUnusedKey: Rule = (context) =>
  context.uses.flatMap((use) => {
    const found = context.blocks.get(use.template);
    if (!use.deferred || !found || !("reads" in found)) return [];
    const reads = [...found.reads.values()];
    return use.deferred
      .filter((key) => !reads.some((names) => names.has(key)))
      .map((key) => {
        const message =
          `Suspense("${use.template}") defers "${key}", but no {% block %} of ${use.template} reads it, so its value is never shown. ` +
          `Use "${key}" inside the block that should fill in when it arrives, or drop it from the context.`;
        return issue("warning", "suspense-unused-key", message, place(context, use));
      });
  });
