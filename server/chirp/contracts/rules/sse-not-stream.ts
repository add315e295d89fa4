import { describeRoute, issue, place, type Rule } from "../context.ts";
import { isConnectLink } from "../sse-wiring.ts";

/**
 * `sse-not-stream` (error): `sse-connect` pointing at a route known not to answer
 * with an `EventStream`: it declares `stream: false`, or its handler visibly returns
 * something else (a `Template`, a string…). Unknown handlers are given the benefit of the doubt.
 */
export const sseNotStream: Rule = (context) =>
  context.links
    .filter(isConnectLink)
    .flatMap((link) => {
      const plain = context.targets.get(link)?.route;
      if (plain?.stream !== false) return [];
      const what = plain.site?.returns.what ? `returns ${plain.site.returns.what}` : "is declared `stream: false`";
      return [
        issue(
          "error",
          "sse-not-stream",
          `${link.attribute}="${link.written}" opens ${describeRoute(plain.route)}, which ${what}, not an EventStream; ` +
            `point ${link.attribute} at a stream route or make the route return an EventStream.`,
          { ...place(context, { file: link.template.file, line: link.line }), route: plain.route.path },
        ),
      ];
    });
