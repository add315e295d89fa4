import { parse } from "parse5";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Listening } from "chirp";
import { ASSISTANTS, cutNote } from "../../common/ask-links.ts";
import { NO_FRONT_END } from "../../server/docs/front-end.ts";
import { absoluteLinks } from "../../server/docs/public-links.ts";
import type { Site } from "../../server/docs/site.ts";
import { hostingOptions, type HostingOptions } from "../../server/hosting-options.ts";
import { createServer } from "../../server/main.ts";

interface Element {
  nodeName: string;
  attrs?: { name: string; value: string }[];
  childNodes?: Element[];
}

/** Every element of the parsed document matching `test`, in document order. */
function elements(node: Element, test: (element: Element) => boolean): Element[] {
  const own = node.attrs && test(node) ? [node] : [];
  return [...own, ...(node.childNodes ?? []).flatMap((child) => elements(child, test))];
}

const attribute = (element: Element, name: string) => element.attrs?.find((attr) => attr.name === name)?.value;

/** What each Ask link of the page at `path` hands its assistant, read from the served HTML. */
async function askLinksOf(server: Listening, path: string) {
  const html = await (await fetch(new URL(path, server.url))).text();
  const document = parse(html) as unknown as Element;
  return {
    document,
    asks: elements(document, (element) => element.nodeName === "a" && attribute(element, "data-ask") !== undefined).map((link) => {
      const href = attribute(link, "href")!;
      const assistant = ASSISTANTS.find((one) => href.startsWith(one.url));
      return { name: attribute(link, "data-ask")!, href, assistant, cut: attribute(link, "data-cut") === "true", prompt: new URL(href).searchParams.get("q")! };
    }),
  };
}

/** The docs server with `hosting`, listening on an ephemeral loopback port for the tests of its block. */
function serve(hosting: HostingOptions) {
  const started = {} as { server: Listening; site: Site };
  beforeAll(async () => {
    const docs = await createServer({ frontEnd: NO_FRONT_END, hosting });
    started.server = await docs.app.listen({ port: 0 });
    started.site = docs.site.current();
  });
  afterAll(() => started.server?.close());
  return started;
}

describe("on a local server the Ask links carry the page itself", () => {
  const docs = serve(hostingOptions([], {}));

  for (const path of ["/docs/examples/sse/", "/docs/concepts/testing/"]) {
    it(`${path}: every assistant gets the page's Markdown, within its link limit, never a link to this machine`, async () => {
      const markdown = docs.site.find(path)!.markdown;
      const { asks, document } = await askLinksOf(docs.server, path);
      expect(asks.map((ask) => ask.name)).toEqual(["Claude", "ChatGPT", "Gemini", "Copilot"]);
      for (const ask of asks) {
        expect(ask.assistant?.name, ask.href).toBe(ask.name);
        // As a browser sends it (WHATWG URL serialization), within the limit.
        expect(new URL(ask.href).href, ask.name).toBe(ask.href);
        expect(ask.href.length, ask.name).toBeLessThanOrEqual(ask.assistant!.maxUrl);
        expect(ask.prompt).not.toContain(docs.server.url);
        expect(ask.prompt).not.toMatch(/\.md\b.*so I can ask/);
        const [intro, ...rest] = ask.prompt.split("\n\n");
        expect(intro).toContain(`"${docs.site.find(path)!.title}" page of the chirp docs`);
        const carried = rest.join("\n\n");
        if (ask.cut) {
          const kept = carried.slice(0, carried.lastIndexOf("\n\n[The page is cut here")).replace(/\n```$/, "");
          expect(markdown.startsWith(kept), ask.name).toBe(true);
          expect(kept.length).toBeGreaterThan(1000);
          expect(carried.endsWith(cutNote(kept.length, markdown.length)), ask.name).toBe(true);
          // Not cut early: one more line would not have fitted.
          const nextLine = markdown.slice(kept.length + 1).split("\n")[0]!;
          expect(ask.href.length + encodeURIComponent(`\n${nextLine}`).length + 8, ask.name).toBeGreaterThan(ask.assistant!.maxUrl);
        } else {
          expect(carried, ask.name).toBe(markdown);
        }
      }
      expect(elements(document, (element) => element.nodeName === "link" && attribute(element, "rel") === "canonical")).toEqual([]);
    });
  }

  it("cuts the long example page for every assistant and the short page only for the shortest limit", async () => {
    expect((await askLinksOf(docs.server, "/docs/examples/sse/")).asks.map((ask) => ask.cut)).toEqual([true, true, true, true]);
    expect((await askLinksOf(docs.server, "/docs/concepts/testing/")).asks.map((ask) => [ask.name, ask.cut])).toEqual([
      ["Claude", false],
      ["ChatGPT", false],
      ["Gemini", false],
      ["Copilot", true],
    ]);
  });

  it("keeps llms.txt and the twins as they are: relative links on the reader's own origin", async () => {
    const llms = await (await fetch(new URL("/llms.txt", docs.server.url))).text();
    expect(llms).toContain("- [Server-Sent Events](/docs/concepts/server-sent-events.md)");
    const twin = await (await fetch(new URL("/index.md", docs.server.url))).text();
    expect(twin).toBe(docs.site.find("/")!.markdown);
  });
});

describe("with --public-url, links that leave the machine use it", () => {
  const publicUrl = "https://docs.example.com";
  const docs = serve(hostingOptions(["--public-url", publicUrl, "--run-domain", "runs.example.com"], {}));

  it("points every Ask prompt at the page's public .md twin", async () => {
    const { asks, document } = await askLinksOf(docs.server, "/docs/examples/sse/");
    expect(asks.map((ask) => ask.name)).toEqual(["Claude", "ChatGPT", "Gemini", "Copilot"]);
    for (const ask of asks) {
      const title = docs.site.find("/docs/examples/sse/")!.title;
      expect(ask.prompt).toBe(`Read ${publicUrl}/docs/examples/sse.md — the "${title}" page of the chirp docs (a TypeScript web framework for HTML over the wire) — so I can ask you questions about it.`);
      expect(ask.cut).toBe(false);
      expect(ask.href.length).toBeLessThanOrEqual(ask.assistant!.maxUrl);
    }
    const canonical = elements(document, (element) => element.nodeName === "link" && attribute(element, "rel") === "canonical");
    expect(canonical.map((link) => attribute(link, "href"))).toEqual([`${publicUrl}/docs/examples/sse/`]);
  });

  it("makes llms.txt, llms-full.txt and the twins' links absolute on the public URL", async () => {
    const llms = await (await fetch(new URL("/llms.txt", docs.server.url))).text();
    expect(llms).toContain(`- [Server-Sent Events](${publicUrl}/docs/concepts/server-sent-events.md)`);
    expect(llms).not.toMatch(/\]\(\/docs/);
    const twin = await (await fetch(new URL("/index.md", docs.server.url))).text();
    expect(twin).toContain(`](${publicUrl}/docs/get-started/)`);
    expect(twin).not.toMatch(/\]\(\/[^/]/);
    const full = await (await fetch(new URL("/llms-full.txt", docs.server.url))).text();
    expect(full).toContain(`<!-- ${publicUrl}/docs/get-started/ -->`);
    expect(full).toContain(`](${publicUrl}/docs/get-started/)`);
  });
});

describe("absoluteLinks", () => {
  it("rewrites root-relative Markdown links outside code blocks only", () => {
    const markdown = ["See [a](/docs/a/) and [b](//cdn.example/x) and [c](https://c.example/).", "```md", "[code](/docs/kept/)", "```", "[after](/docs/after/)"].join("\n");
    expect(absoluteLinks(markdown, "https://d.example")).toBe(
      ["See [a](https://d.example/docs/a/) and [b](//cdn.example/x) and [c](https://c.example/).", "```md", "[code](/docs/kept/)", "```", "[after](https://d.example/docs/after/)"].join("\n"),
    );
  });
});
