import { issue, place, type Rule } from "../context.ts";
import { isConnectLink } from "../sse-wiring.ts";

/**
 * `orphan-route` (warning): a GET route no template links to by `href`, `src`,
 * form `action` or an `hx-*` attribute. `sse-connect` (and `hx-sse:connect`) opens a
 * stream rather than linking to a page, so a stream route declares itself with `referenced: true`.
 * The root `/` is where people arrive, so it never counts as an orphan.
 */
export const orphanRoute: Rule = (context) =>
  context.routes
    .filter(({ route }) => route.methods.includes("GET") && !route.options.referenced && route.path !== "/")
    .flatMap((checked) => {
      const reaching = context.links.filter((link) => context.targets.get(link)?.route === checked);
      if (reaching.some((link) => !isConnectLink(link))) return [];
      const connect = reaching[0] && place(context, { file: reaching[0].template.file, line: reaching[0].line });
      const message = connect
        ? `GET ${checked.route.path} is reached only by ${reaching[0]!.attribute} (${connect.file}:${connect.line}), which opens a stream rather than linking to it; ` +
          "add `referenced: true` to its route options."
        : `GET ${checked.route.path} is not linked from any template; link to it, remove it, or add \`referenced: true\` to its route options when something else reaches it.`;
      return [issue("warning", "orphan-route", message, { ...place(context, checked.site), route: checked.route.path })];
    });
