import { describe, expect, it } from "vitest";
import { templatePath } from "../../server/chirp/contracts/links.ts";
import { Router } from "../../server/chirp/router.ts";

/** Whether a template URL (as masked: `{{__}}` for an expression) lands on the route path, looked up as the app dispatches. */
function reaches(route: string, url: string): boolean {
  const router = new Router();
  router.add({ path: route, methods: ["GET"], options: {}, handler: () => "" });
  const path = templatePath(url, url);
  return path !== undefined && router.find("GET", path).found !== undefined;
}

describe("template URLs against route paths", () => {
  it.each([
    ["/items/:id", "/items/{{__}}", true],
    ["/items/:id", "/items/42", true],
    ["/items/:id", "/items/{{__}}/edit", false],
    ["/items/new", "/items/{{__}}", false],
    ["/files/*rest", "/files/{{__}}/raw/{{__}}", true],
    ["/users{/:tab}", "/users", true],
    ["/users{/:tab}", "/users/{{__}}", true],
    ["/Events", "/events/?x=1#top", true],
    ["/:lang.html", "/{{__}}.html", true],
  ])("%s ← %s: %s", (route, url, expected) => {
    expect(reaches(route, url)).toBe(expected);
  });

  it("leaves out URLs it cannot read: external, protocol-relative, fragments, whole expressions, {% %} tags", () => {
    for (const url of ["https://x.org/", "//cdn.x/y", "#top", "{{__}}", "mailto:a@b"]) expect(templatePath(url, url)).toBeUndefined();
    expect(templatePath("/items/ 1 ", "/items/{% if a %}1{% endif %}")).toBeUndefined();
  });
});
