import { issue, place, type Rule } from "../context.ts";

/**
 * `unknown-route` (error): a template URL that matches no route's path, or that
 * matches only routes answering other methods (`hx-post` to a GET-only route).
 */
export const unknownRoute: Rule = (context) =>
  context.links.flatMap((link) => {
    const matching = context.matches.get(link) ?? [];
    const where = place(context, { file: link.template.file, line: link.line });
    const written = `${link.attribute}="${link.written}"`;
    if (matching.length === 0) {
      return [issue("error", "unknown-route", `${written} matches no route.`, where)];
    }
    if (matching.some(({ route }) => route.methods.includes(link.method))) return [];
    const served = matching.map(({ route }) => `${route.methods.join(", ")} ${route.path}`).join("; ");
    return [issue("error", "unknown-route", `${written} sends ${link.method}, but the matching route answers only ${served}.`, { ...where, route: matching[0]?.route.path })];
  });
