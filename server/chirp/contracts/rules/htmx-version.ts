import { issue, place, type Rule } from "../context.ts";
import { VERSION_ONLY } from "../htmx-only.ts";

/**
 * `htmx-version`: markup of the other htmx version than the app runs — `sse-swap`
 * or `hx-ext` in an htmx 4 app, `hx-sse:connect` or `<hx-partial>` in an htmx 2 app,
 * and the other version's script. An error where the app's htmx ignores it, a
 * warning where it still works but is deprecated. Templates in the other version's
 * `htmx2/` or `htmx4/` folder are not read at all.
 */
export const htmxVersionMismatch: Rule = (context) =>
  context.templates.flatMap((template) =>
    template.elements.flatMap((element) =>
      VERSION_ONLY.filter((only) => only.version !== context.htmx).flatMap((only) => {
        const found = only.find(element);
        if (!found) return [];
        const message = `${only.written} belongs to htmx ${only.version}, but the app runs htmx ${context.htmx}: ${only.instead}.`;
        return [issue(only.severity, "htmx-version", message, place(context, { file: template.file, line: found.line }))];
      }),
    ),
  );
