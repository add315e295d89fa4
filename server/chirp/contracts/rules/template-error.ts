import { issue, place, type Rule } from "../context.ts";

/**
 * `template-error` (error): a template the app's source names does not compile.
 * Reported once, at the template's own line, however many places use it.
 */
export const templateError: Rule = (context) =>
  [...context.blocks].flatMap(([name, found]) => {
    if (!("broken" in found)) return [];
    const { file, line, column, reason } = found.broken;
    const at = file && line ? { file, line } : context.uses.find((use) => use.template === name);
    const where = line ? ` (line ${line}${column ? `, column ${column}` : ""})` : "";
    return [issue("error", "template-error", `${name} does not compile${where}: ${reason}`, place(context, at))];
  });
