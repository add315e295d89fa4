import { describe, expect, it } from "vitest";
import type { Route } from "chirp";
import { Router } from "../../server/chirp/router.ts";

function route(path: string, methods = ["GET"]): Route {
  return { path, methods, options: {}, handler: () => path };
}

function routerOf(...routes: Route[]) {
  const router = new Router();
  for (const each of routes) router.add(each);
  return router;
}

describe("Router", () => {
  const items = route("/items/:id");
  const newItem = route("/items/new");
  const files = route("/files/*path");
  const post = route("/items/:id", ["POST", "DELETE"]);
  const optional = route("/docs{/:page}");
  const router = routerOf(items, newItem, files, post, optional);

  it("finds a static path before a pattern registered earlier", () => {
    expect(router.find("GET", "/items/new").found?.route).toBe(newItem);
    expect(router.find("GET", "/items/7").found).toEqual({ route: items, params: { id: "7" } });
  });

  it("matches as Express does: case-insensitive, with an optional trailing slash", () => {
    expect(router.find("GET", "/Items/New/").found?.route).toBe(newItem);
    expect(router.find("GET", "/items/7/").found?.params).toEqual({ id: "7" });
  });

  it("decodes parameters and joins wildcard segments", () => {
    expect(router.find("GET", "/items/a%20b").found?.params).toEqual({ id: "a b" });
    expect(router.find("GET", "/files/a/b/c.txt").found?.params).toEqual({ path: "a/b/c.txt" });
    expect(router.find("GET", "/docs").found?.params).toEqual({});
    expect(router.find("GET", "/docs/intro").found?.params).toEqual({ page: "intro" });
  });

  it("answers HEAD with GET routes", () => {
    expect(router.find("HEAD", "/items/1").found?.route).toBe(items);
  });

  it("picks the route for the method among routes of the same pattern", () => {
    expect(router.find("DELETE", "/items/1").found?.route).toBe(post);
  });

  it("lists the allowed methods when only the method is wrong", () => {
    expect(router.find("PUT", "/items/1")).toEqual({ allowed: ["GET", "POST", "DELETE", "HEAD"] });
    expect(router.find("POST", "/files/x")).toEqual({ allowed: ["GET", "HEAD"] });
  });

  it("finds nothing for an unknown path or a malformed escape", () => {
    expect(router.find("GET", "/nowhere")).toEqual({ allowed: [] });
    expect(router.find("GET", "/items/%E0%A4%A")).toEqual({ allowed: [] });
  });

  it("refuses a malformed pattern, naming it", () => {
    expect(() => routerOf(route("/items/:"))).toThrow(/route path "\/items\/:" is not a valid pattern/);
  });

  it("finds a static route with the same lookup every time: a request makes none", () => {
    const first = router.find("GET", "/items/new");
    expect(router.find("GET", "/ITEMS/new/")).toBe(first);
    expect(router.find("HEAD", "/items/new")).toBe(first);
  });
});
