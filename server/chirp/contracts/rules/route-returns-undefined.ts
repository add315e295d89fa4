import { describeRoute, issue, place, type Rule } from "../context.ts";

/**
 * `route-returns-undefined` (error): a handler that can finish without returning
 * a value (a forgotten `return`, a bare `return;`), which chirp answers with a 500.
 * Reported at the line where that path ends.
 */
export const routeReturnsUndefined: Rule = (context) =>
  context.routes.flatMap(({ route, site }) => {
    const line = site?.returns.undefinedLine;
    if (!site || line === undefined) return [];
    return [
      issue(
        "error",
        "route-returns-undefined",
        `The handler of ${describeRoute(route)} can finish without returning a value here, which chirp answers with a 500: ` +
          "return what the request should get (a Template, a string…), or null for an empty 204 answer.",
        { ...place(context, { file: site.file, line }), route: route.path },
      ),
    ];
  });
