import { issue, place, type Rule } from "../context.ts";

/**
 * `unknown-route` (error): a template URL that no route answers: its path matches
 * no route, or only routes answering other methods (`hx-post` to a GET-only route).
 * URLs are looked up as the app dispatches requests, `{{ }}` parts standing for parameters.
 */
export const unknownRoute: Rule = (context) =>
  context.links.flatMap((link) => {
    const target = context.targets.get(link);
    if (!target || target.route) return [];
    const written = `${link.attribute}="${link.written}"`;
    const message =
      target.allowed.length === 0 ? `${written} matches no route.` : `${written} sends ${link.method}, but that path answers only ${target.allowed.join(", ")}.`;
    return [issue("error", "unknown-route", message, place(context, { file: link.template.file, line: link.line }))];
  });
