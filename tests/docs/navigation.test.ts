import { describe, expect, it } from "vitest";
import { buildNavigation, locate } from "../../server/docs/navigation.ts";
import { pageUrls, type Page } from "../../server/docs/page.ts";

/** A page with only what navigation reads. */
function page(relative: string, title: string, weight = 0): Page {
  const parts = relative.split("/");
  return {
    ...pageUrls(relative),
    title,
    label: title,
    weight,
    section: parts[0] === "docs" && parts.length > 2 ? parts[1]! : "",
    isIndex: relative.endsWith("index.md"),
  } as Page;
}

describe("navigation", () => {
  const pages = [
    page("docs/reference/index.md", "Reference", 30),
    page("docs/reference/b.md", "Beta"),
    page("docs/reference/a.md", "Alpha"),
    page("docs/concepts/routes.md", "Routes", 1),
    page("docs/concepts/index.md", "Concepts", 10),
    page("docs/concepts/sse.md", "SSE", 0),
    page("docs/get-started.md", "Get started", 1),
    page("index.md", "Home", 0),
  ];
  const navigation = buildNavigation(pages);

  it("maps content files to page and twin URLs", () => {
    expect(pageUrls("index.md")).toEqual({ url: "/", mdUrl: "/index.md" });
    expect(pageUrls("docs/concepts/index.md")).toEqual({ url: "/docs/concepts/", mdUrl: "/docs/concepts.md" });
    expect(pageUrls("docs/concepts/sse.md")).toEqual({ url: "/docs/concepts/sse/", mdUrl: "/docs/concepts/sse.md" });
  });

  it("puts top-level pages first, then sections by their index's weight, pages by weight then title", () => {
    expect(navigation.sections.map((section) => [section.title, section.pages.map((member) => member.title)])).toEqual([
      ["Start here", ["Home", "Get started"]],
      ["Concepts", ["SSE", "Routes"]],
      ["Reference", ["Alpha", "Beta"]],
    ]);
    expect(navigation.order.map((member) => member.title)).toEqual(["Home", "Get started", "Concepts", "SSE", "Routes", "Reference", "Alpha", "Beta"]);
  });

  it("gives breadcrumbs and the neighbours in reading order", () => {
    const sse = pages.find((member) => member.title === "SSE")!;
    const where = locate(navigation, sse);
    expect(where.breadcrumbs.map((crumb) => crumb.title)).toEqual(["Home", "Concepts", "SSE"]);
    expect([where.previous?.title, where.next?.title]).toEqual(["Concepts", "Routes"]);
    const home = locate(navigation, pages.find((member) => member.title === "Home")!);
    expect([home.breadcrumbs.length, home.previous, home.next?.title]).toEqual([1, undefined, "Get started"]);
  });
});
