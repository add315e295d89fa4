import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClient } from "chirp/testing";
import { NO_FRONT_END } from "../../server/docs/front-end.ts";
import type { Site } from "../../server/docs/site.ts";
import { createServer } from "../../server/main.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

let client: TestClient;
let site: Site;

beforeAll(async () => {
  const server = await createServer({ frontEnd: NO_FRONT_END });
  site = server.site.current();
  client = new TestClient(server.app);
});
afterAll(() => client.close());

/** Names exported by a module's index, types included, read from its export statements. */
function exportedNames(file: string): string[] {
  const source = readFileSync(path.join(ROOT, file), "utf8");
  return [...source.matchAll(/^export (?:type )?\{([^}]*)\}/gm)].flatMap((match) =>
    match[1]!
      .split(",")
      .map((name) => name.trim().replace(/^type /, ""))
      .filter(Boolean),
  );
}

describe("the docs site", () => {
  it("serves every page in full, with the sidebar marking it", async () => {
    for (const page of site.pages) {
      const response = await client.get(page.url);
      expect(response.status, page.url).toBe(200);
      expect(response.text).toMatch(/^<!doctype html>/);
      expect(response.text).toContain(`<a href="${page.url}" aria-current="page">`);
      expect(response.text).toContain('role="menu" aria-label="Page actions"');
    }
  });

  it("links the sections from the header, marking the current one", async () => {
    const { text } = await client.get("/docs/concepts/testing/");
    const header = text.slice(text.indexOf('<nav class="header-links"'), text.indexOf("</nav>", text.indexOf('<nav class="header-links"')));
    expect([...header.matchAll(/<a href="([^"]+)"( class="active")?>([^<]+)<\/a>/g)].map((match) => [match[1], match[3], Boolean(match[2])])).toEqual([
      ["/docs/concepts/", "Concepts", true],
      ["/docs/examples/", "Examples", false],
      ["/docs/reference/", "API reference", false],
    ]);
  });

  it("answers a boosted htmx navigation with the main area alone, its title first", async () => {
    const response = await client.get("/docs/get-started/", { headers: { "hx-request": "true", "hx-boosted": "true" } });
    expect(response.text).toMatch(/^<title>Get started · chirp<\/title>\s*<main id="main"/);
    expect(response.text).not.toContain("<html");
    expect(response.text).not.toContain('id="sidebar"');
    expect(response.headers.get("vary")).toContain("HX-Request");
  });

  it("gives a history-restore request the whole page", async () => {
    const response = await client.get("/docs/get-started/", { headers: { "hx-request": "true", "hx-boosted": "true", "hx-history-restore-request": "true" } });
    expect(response.text).toMatch(/^<!doctype html>/);
  });

  it("redirects a page path without its slash, and shows a 404 page for unknown paths", async () => {
    const moved = await client.get("/docs/get-started");
    expect([moved.status, moved.headers.get("location")]).toEqual([301, "/docs/get-started/"]);
    const missing = await client.get("/docs/no-such-page/");
    expect(missing.status).toBe(404);
    expect(missing.text).toContain("Nothing lives at <code>/docs/no-such-page/</code>");
  });

  it("renders the SSE example page with the workbench after the intro and the real app.ts", async () => {
    const { text } = await client.get("/docs/examples/sse/");
    const workbench = text.indexOf('<div id="workbench" data-example="sse" data-shows="events"></div>');
    expect(workbench).toBeGreaterThan(text.indexOf("This example pushes HTML"));
    expect(workbench).toBeLessThan(text.indexOf('id="what-it-shows"'));
    expect(text).toContain('<span class="code-title">examples/sse/app.ts</span>');
    expect(text).toContain('<div class="steps">');
    for (const heading of ["why-events-is-referenced", "why-the-block-name-becomes-the-event-name", "why-node-needs-no-worker-mode-setting", "run-it"]) {
      expect(text).toContain(`id="${heading}"`);
    }
  });

  it("puts the workbench only on example pages", async () => {
    for (const page of site.pages) {
      const { text } = await client.get(page.url);
      expect(text.includes('id="workbench"'), page.url).toBe(page.example !== undefined);
    }
  });

  it("inlines every included file into each page's Markdown twin", async () => {
    const including = site.pages.filter((page) => page.includes.length > 0);
    expect(including.map((page) => page.url)).toContain("/docs/examples/sse/");
    for (const page of site.pages) {
      const response = await client.get(page.mdUrl);
      expect(response.status, page.mdUrl).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
      expect(response.text.startsWith(`# ${page.title}\n`)).toBe(true);
      expect(response.text).not.toMatch(/^<<< /m);
      for (const file of page.includes) expect(response.text).toContain(readFileSync(path.join(ROOT, file), "utf8").trim());
    }
  });

  it("serves /llms.txt in the llmstxt.org format, listing every page's twin", async () => {
    const response = await client.get("/llms.txt");
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    const lines = response.text.split("\n");
    expect(lines[0]).toBe("# chirp");
    expect(lines[2]).toMatch(/^> \S/);
    const sections = lines.filter((line) => line.startsWith("## "));
    expect(sections).toEqual(site.navigation.sections.map((section) => `## ${section.title}`));
    const links = lines.filter((line) => line.startsWith("- "));
    for (const line of links) expect(line).toMatch(/^- \[[^\]]+\]\(\/[^)\s]*\.md\)(: .+)?$/);
    expect(links.map((line) => /\((.*?)\)/.exec(line)![1]).sort()).toEqual(site.pages.map((page) => page.mdUrl).sort());
    expect(lines.some((line) => line.startsWith("# ") && line !== lines[0])).toBe(false);
  });

  it("serves /llms-full.txt with every page's twin in reading order", async () => {
    const { text } = await client.get("/llms-full.txt");
    let at = -1;
    for (const page of site.pages) {
      const next = text.indexOf(page.markdown);
      expect(next, page.url).toBeGreaterThan(at);
      at = next;
    }
  });

  it("links only to pages that exist", async () => {
    for (const page of site.pages) {
      const hrefs = [...(page.intro + page.html).matchAll(/href="(\/[^"#]*)/g)].map((match) => match[1]!);
      for (const href of hrefs) expect(site.find(href) ?? ["/llms.txt", "/llms-full.txt"].includes(href), `${page.file} links to ${href}`).toBeTruthy();
    }
  });

  it("has a reference entry for every name chirp and chirp/testing export", () => {
    const names = [...exportedNames("server/chirp/index.ts"), ...exportedNames("server/chirp/testing/index.ts")];
    const reference = site.pages.filter((page) => page.url.startsWith("/docs/reference/"));
    const headings = new Set(reference.flatMap((page) => page.toc.filter((entry) => entry.level === 2 || entry.level === 3).map((entry) => entry.text)));
    expect(names.length).toBeGreaterThan(40);
    expect(names.filter((name) => !headings.has(name))).toEqual([]);
  });

  it("builds a search index that finds EventStream", async () => {
    const { default: MiniSearch } = await import("minisearch");
    const { SEARCH_OPTIONS } = await import("../../common/search-options.ts");
    const index = MiniSearch.loadJSON((await client.get("/search-index.json")).text, SEARCH_OPTIONS);
    const [best] = index.search("EventStream");
    expect(best?.url).toMatch(/^\/docs\/reference\/streams\/#eventstream$|^\/docs\/concepts\/server-sent-events\/#eventstream$/);
  });
});
