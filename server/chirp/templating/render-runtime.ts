import nunjucks from "nunjucks";

/** The characters Nunjucks' autoescaping replaces, each with its entity (a backslash too, unlike `escapeHtml`). */
const ENTITIES: Record<string, string> = { "&": "&amp;", '"': "&quot;", "'": "&#39;", "<": "&lt;", ">": "&gt;", "\\": "&#92;" };
const ESCAPABLE = /[&"'<>\\]/;
const EVERY_ESCAPABLE = /[&"'<>\\]/g;

/** `text` escaped exactly as Nunjucks escapes output; text with nothing to escape is scanned once and comes back as it is. */
function escapeOutput(text: string): string {
  return ESCAPABLE.test(text) ? text.replace(EVERY_ESCAPABLE, (character) => ENTITIES[character]!) : text;
}

type SuppressValue = (value: unknown, autoescape: boolean) => unknown;
const nunjucksRuntime = nunjucks.runtime as unknown as Record<string, unknown> & { suppressValue: SuppressValue };

/**
 * The runtime chirp runs compiled templates with: Nunjucks' own, whose output of
 * a `{{ value }}` that is a string or a number is worked out without the per-character
 * callback of Nunjucks' escaping. The HTML is the same to the byte.
 */
export const renderRuntime: typeof nunjucksRuntime = {
  ...nunjucksRuntime,
  suppressValue(value, autoescape) {
    if (typeof value === "string") return autoescape ? escapeOutput(value) : value;
    // A number's text (digits, `.`, `-`, `+`, `e`, `Infinity`, `NaN`) has nothing to escape.
    if (typeof value === "number") return autoescape ? String(value) : value;
    return nunjucksRuntime.suppressValue(value, autoescape);
  },
};
