import { beforeAll, describe, expect, it } from "vitest";
import { createHighlight } from "../../server/docs/highlight.ts";
import { createMarkdown, type Rendered } from "../../server/docs/markdown/pipeline.ts";

let render: (markdown: string) => Rendered;
beforeAll(async () => {
  render = createMarkdown(await createHighlight());
});

describe("the markdown pipeline", () => {
  it("turns a steps block into a numbered list of steps", () => {
    const { html } = render("::: steps\n1. **Start the app**\n\n   ```bash\n   npx tsx app.ts\n   ```\n\n2. **Run the test**\n:::\n\nAfter");
    expect(html).toMatch(/^<div class="steps">\n<ol>\n<li>/);
    expect(html.match(/<li>/g)).toHaveLength(2);
    expect(html).toContain("<strong>Start the app</strong>");
    expect(html).toContain('<figure class="code-block" data-lang="bash">');
    expect(html).toMatch(/<\/ol>\n<\/div>\n<p>After<\/p>/);
  });

  it("renders callouts with their kind and title, and nests containers", () => {
    const { html } = render("::: warning Careful\nHot *stove*.\n\n::: tip\ninner\n:::\n:::");
    expect(html).toContain('<aside class="callout callout-warning" role="note"><p class="callout-title">Careful</p>');
    expect(html).toContain("<p>Hot <em>stove</em>.</p>");
    expect(html).toContain('<aside class="callout callout-tip" role="note"><p class="callout-title">Tip</p>\n<p>inner</p>\n</aside>\n</aside>');
  });

  it("leaves an unknown container kind as text", () => {
    expect(render("::: nonsense\nx\n:::").html).toBe("<p>::: nonsense\nx\n:::</p>\n");
  });

  it("gives headings unique ids, self-links and a table of contents", () => {
    const { html, toc } = render("# Title\n\n## The `EventStream` class\n\n### Options\n\n## Options");
    expect(html).toContain('<h2 id="the-eventstream-class">The <code>EventStream</code> class<a class="anchor" href="#the-eventstream-class"');
    expect(toc).toEqual([
      { level: 2, id: "the-eventstream-class", text: "The EventStream class" },
      { level: 3, id: "options", text: "Options" },
      { level: 2, id: "options-1", text: "Options" },
    ]);
    expect(html).toContain('<h1 id="title">Title</h1>');
  });

  it("highlights code on the server in both themes, with a copy button", () => {
    const { html } = render('```ts title="app.ts"\nconst a: number = 1;\n```');
    expect(html).toContain('<span class="code-title">app.ts</span>');
    expect(html).toContain('class="copy-code"');
    expect(html).toContain('class="shiki shiki-themes github-light github-dark"');
    expect(html).toMatch(/style="--shiki-light:#[0-9A-Fa-f]{6};--shiki-dark:#[0-9A-Fa-f]{6}">const<\/span>/);
  });

  it("highlights Nunjucks templates, bash and JSON, and escapes unknown languages", () => {
    for (const language of ["html", "bash", "json"]) expect(render(`\`\`\`${language}\n{"a": 1}\n\`\`\``).html).toContain("--shiki-dark");
    expect(render("```brainfuck\n<b>\n```").html).toContain("<pre class=\"shiki\" tabindex=\"0\"><code>&lt;b&gt;</code></pre>");
  });

  it("wraps tables so they scroll on narrow screens", () => {
    expect(render("| a | b |\n| - | - |\n| 1 | 2 |").html).toMatch(/^<div class="table-wrap"><table>/);
  });

  it("splits the text into sections by heading for search", () => {
    expect(render("Intro\ntext.\n\n## First\n\nAlpha [`code`](/x/).\n\n```ts\nhidden\n```\n\n### Second\n\nBeta.").sections).toEqual([
      { id: "", heading: "", text: "Intro text." },
      { id: "first", heading: "First", text: "Alpha code." },
      { id: "second", heading: "Second", text: "Beta." },
    ]);
  });
});
