import { match, type MatchFunction } from "path-to-regexp";
import type { Route } from "./route.ts";

/** The outcome of looking a request up. */
export interface RouteLookup {
  /** The route that answers, with its path parameters. */
  found?: { route: Route; params: Record<string, string> };
  /** When nothing answers this method: the methods that would (empty for an unknown path). */
  allowed: readonly string[];
}

/** A static route, with the lookup that finds it: the same every time, so a request makes none. */
interface StaticRoute {
  route: Route;
  lookup: RouteLookup;
}

const NO_METHODS: readonly string[] = Object.freeze([]);

interface Pattern {
  route: Route;
  match: MatchFunction<Partial<Record<string, string | string[]>>>;
}

const DYNAMIC = /[:*{}()?+!\\]/;

/** Static paths are compared as Express does: case-insensitive, a trailing slash optional. */
function staticKey(path: string): string {
  const lower = path.toLowerCase();
  return lower.length > 1 && lower.endsWith("/") ? lower.slice(0, -1) : lower;
}

/** Whether `route` answers `method`; GET routes answer HEAD too. */
function answers(route: Route, method: string): boolean {
  return route.methods.includes(method) || (method === "HEAD" && route.methods.includes("GET"));
}

function decodeParams(params: Partial<Record<string, string | string[]>>): Record<string, string> {
  const decoded: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined) decoded[name] = Array.isArray(value) ? value.join("/") : value;
  }
  return decoded;
}

/**
 * Finds the route for a method and path. Paths use Express 5 syntax (`/items/:id`,
 * `/files/*path`, `/a{/:optional}`). A static path wins over a pattern; patterns are
 * tried in the order they were added. HEAD is answered by GET routes.
 */
export class Router {
  readonly #static = new Map<string, StaticRoute[]>();
  readonly #patterns: Pattern[] = [];

  /** Adds a route; a malformed path pattern is an error naming the route. */
  add(route: Route): void {
    if (!DYNAMIC.test(route.path)) {
      const key = staticKey(route.path);
      const lookup = Object.freeze({ found: Object.freeze({ route, params: Object.freeze({}) }), allowed: NO_METHODS });
      this.#static.set(key, [...(this.#static.get(key) ?? []), { route, lookup }]);
      return;
    }
    try {
      this.#patterns.push({ route, match: match(route.path, { decode: decodeURIComponent }) });
    } catch (error) {
      throw new TypeError(`route path ${JSON.stringify(route.path)} is not a valid pattern: ${(error as Error).message}`);
    }
  }

  /** Looks up `method` and `pathname` (the path without its query, still percent-encoded). */
  find(method: string, pathname: string): RouteLookup {
    const fixed = this.#static.get(staticKey(pathname));
    if (fixed) for (const { route, lookup } of fixed) if (answers(route, method)) return lookup;
    const candidates: { route: Route; params: Record<string, string> }[] = (fixed ?? []).map(({ route }) => ({ route, params: {} }));
    for (const pattern of this.#patterns) {
      let result: ReturnType<Pattern["match"]>;
      try {
        result = pattern.match(pathname);
      } catch {
        continue; // a malformed percent-encoding matches nothing
      }
      if (!result) continue;
      const candidate = { route: pattern.route, params: decodeParams(result.params) };
      if (answers(pattern.route, method)) return { found: candidate, allowed: NO_METHODS };
      candidates.push(candidate);
    }
    const allowed = [...new Set(candidates.flatMap(({ route }) => route.methods))];
    if (allowed.includes("GET") && !allowed.includes("HEAD")) allowed.push("HEAD");
    return { allowed };
  }
}
