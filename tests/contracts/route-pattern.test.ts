import { describe, expect, it } from "vitest";
import { compileRoutePath, templatePath } from "../../server/chirp/contracts/route-pattern.ts";

/** Whether the template URL (as masked: `{{__}}` for expressions) can reach the route path. */
function reaches(route: string, url: string): boolean {
  const path = templatePath(url, url);
  return path !== undefined && compileRoutePath(route).test(path);
}

describe("route paths against template URLs", () => {
  it.each([
    ["/items/:id", "/items/{{__}}", true],
    ["/items/:id", "/items/42", true],
    ["/items/:id", "/items/{{__}}/edit", false],
    ["/items/new", "/items/{{__}}", false],
    ["/files/*rest", "/files/{{__}}/raw/{{__}}", true],
    ["/about{/}", "/about/", true],
    ["/users{/:tab}", "/users", true],
    ["/users{/:tab}", "/users/{{__}}", true],
    ["/Events", "/events/?x=1#top", true],
    ["/a\\:b", "/a:b", true],
    ["/:lang.html", "/{{__}}.html", true],
  ])("%s ← %s: %s", (route, url, expected) => {
    expect(reaches(route, url)).toBe(expected);
  });

  it("leaves out URLs it cannot read: external, protocol-relative, fragments, whole expressions, {% %} tags", () => {
    for (const url of ["https://x.org/", "//cdn.x/y", "#top", "{{__}}", "mailto:a@b"]) expect(templatePath(url, url)).toBeUndefined();
    expect(templatePath("/items/ 1 ", "/items/{% if a %}1{% endif %}")).toBeUndefined();
  });
});
