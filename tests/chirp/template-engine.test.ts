import { describe, expect, it } from "vitest";
import nunjucks from "nunjucks";
import { TemplateEngine, TemplateError } from "chirp";
import { NunjucksContextClass } from "../../server/chirp/templating/nunjucks-internals.ts";
import { waitFor } from "../support/wait-for.ts";

const engine = new TemplateEngine(new URL("./fixtures/templates", import.meta.url).pathname);

describe("TemplateEngine.render", () => {
  it("renders the whole page through its layout, autoescaping values", async () => {
    const html = await engine.render("page.html", { name: "<Ada>", role: "admin" });
    expect(html).toContain("<title>&lt;Ada&gt; · Site</title>");
    expect(html).toContain('<p>Hello, &lt;Ada&gt;! <span class="badge">admin</span></p>');
    expect(html).toContain("<nav>home</nav>");
  });
});

describe("TemplateEngine.renderBlock", () => {
  it("renders exactly one block, not the page around it", async () => {
    const html = await engine.renderBlock("page.html", "main", { name: "Ada", role: "admin" });
    expect(html).toBe('<p>Hello, Ada! <span class="badge">admin</span></p>');
  });

  it("sees top-level set and imported macros, and super() of the layout", async () => {
    expect(await engine.renderBlock("page.html", "title", { name: "Ada" })).toBe("Ada · Site");
  });

  it("renders a block only the layout defines", async () => {
    expect(await engine.renderBlock("page.html", "nav")).toBe("home");
  });

  it("renders a block of a template without a layout", async () => {
    expect(await engine.renderBlock("list.html", "row", { id: 3, label: "<b>x</b>" })).toBe('<li id="row-3">&lt;b&gt;x&lt;/b&gt;</li>');
  });

  it("runs only the definitions of the page and its layout, not the layout's markup", async () => {
    let calls = 0;
    const track = () => ++calls;
    expect(await engine.renderBlock("tracked-page.html", "body", { track })).toBe('<span class="badge">Ada</span>');
    expect(calls).toBe(0);
    expect(await engine.render("tracked-page.html", { track })).toContain("<header>1</header>");
  });

  it("still sees definitions made inside a top-level if", async () => {
    expect(await engine.renderBlock("conditional.html", "mood", { flag: true })).toBe("on");
    expect(await engine.renderBlock("conditional.html", "mood", { flag: false })).toBe("off");
  });

  it("follows an extends whose layout is computed", async () => {
    expect(await engine.renderBlock("computed-extends.html", "nav", { layoutName: "layout.html" })).toBe("home");
  });

  it("lists every block a template can render, its layout's included", async () => {
    expect((await engine.blocks("page.html")).sort()).toEqual(["main", "nav", "title"]);
  });
});

describe("TemplateEngine.renderBlockNow", () => {
  it("gives the HTML itself, not a promise, when nothing in the templates waits", () => {
    expect(engine.renderBlockNow("list.html", "row", { id: 3, label: "x" })).toBe('<li id="row-3">x</li>');
    expect(engine.renderBlockNow("page.html", "main", { name: "Ada", role: "admin" })).toBe('<p>Hello, Ada! <span class="badge">admin</span></p>');
  });

  it("gives a promise when an asynchronous filter has to be waited for, and its errors as TemplateErrors", async () => {
    const waiting = new TemplateEngine(new URL("./fixtures/templates", import.meta.url).pathname);
    waiting.environment.addFilter("later", (word: string, done: (error: Error | null, value?: string) => void) => {
      setImmediate(() => (word === "fail" ? done(new Error("no later for fail")) : done(null, `${word}!`)));
    }, true);
    const html = waiting.renderBlockNow("async-filter.html", "shout", { word: "hey" });
    expect(html).toBeInstanceOf(Promise);
    expect(await html).toBe("<b>hey!</b>");
    const failed = await (waiting.renderBlockNow("async-filter.html", "shout", { word: "fail" }) as Promise<string>).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(TemplateError);
    expect((failed as TemplateError).message).toContain("no later for fail");
  });

  it("keeps renders of one block that wait at once apart, each as Nunjucks renders it, whatever order they finish in", async () => {
    const templates = new URL("./fixtures/templates", import.meta.url).pathname;
    const waiting = new TemplateEngine(templates);
    const reference = new nunjucks.Environment(new nunjucks.FileSystemLoader(templates), { autoescape: true });
    const pending: (() => void)[] = [];
    waiting.environment.addFilter("later", (word: string, done: (error: Error | null, value?: string) => void) => {
      pending.push(() => done(null, `${word}!`));
    }, true);
    reference.addFilter("later", (word: string, done: (error: Error | null, value?: string) => void) => setImmediate(() => done(null, `${word}!`)), true);
    const contexts = Array.from({ length: 5 }, (_, i) => ({ name: `n${i}`, items: Array.from({ length: i }, (_, k) => k), id: i, label: `l${i}` }));
    const renders = contexts.map((context) => waiting.renderBlockNow("async-scopes.html", "mixed", context));
    await waitFor(() => pending.length === contexts.length, "every render to wait for its filter");
    for (const resume of pending.reverse()) resume();
    const html = await Promise.all(renders);
    for (const [i, context] of contexts.entries()) {
      const expected = await new Promise<string>((resolve, reject) => reference.render("async-scopes.html", context, (error, output) => (error ? reject(error) : resolve(output ?? ""))));
      expect(html[i]!.trim()).toBe(expected.trim());
      expect(html[i]).toContain(`|*n${i}!|n${i}|`);
      expect(Object.keys(context)).toEqual(["name", "items", "id", "label"]);
    }
  });

  it("looks the template chain up once per block, not on every render", async () => {
    const counted = new TemplateEngine(new URL("./fixtures/templates", import.meta.url).pathname);
    const getTemplate = counted.environment.getTemplate.bind(counted.environment);
    let lookups = 0;
    counted.environment.getTemplate = ((...args: Parameters<typeof getTemplate>) => (lookups++, getTemplate(...args))) as typeof getTemplate;
    await counted.renderBlock("page.html", "main", { name: "Ada", role: "admin" });
    const afterFirst = lookups;
    for (let i = 0; i < 10; i++) expect(await counted.renderBlock("page.html", "main", { name: `Ada ${i}`, role: "admin" })).toContain(`Ada ${i}`);
    // The page's own `{% from "macros.html" import %}` still runs per render; page.html and layout.html are not looked up again.
    expect(lookups - afterFirst).toBe(10);
  });

  it("makes no Nunjucks render context and adds no block per render of a planned block", () => {
    const counted = new TemplateEngine(new URL("./fixtures/templates", import.meta.url).pathname);
    expect(counted.renderBlockNow("list.html", "row", { id: 0, label: "first" })).toBe('<li id="row-0">first</li>');
    expect(counted.renderBlockNow("page.html", "title", { name: "Ada" })).toBe("Ada · Site");
    const context = NunjucksContextClass.prototype as unknown as { init(...args: unknown[]): void; addBlock(...args: unknown[]): unknown };
    const { init, addBlock } = context;
    const made: Record<string, number> = { contexts: 0, blocks: 0 };
    context.init = function (this: unknown, ...args: unknown[]) {
      made.contexts!++;
      init.apply(this, args);
    };
    context.addBlock = function (this: unknown, ...args: unknown[]) {
      made.blocks!++;
      return addBlock.apply(this, args);
    };
    try {
      for (let i = 1; i <= 10; i++) expect(counted.renderBlockNow("list.html", "row", { id: i, label: "x" })).toBe(`<li id="row-${i}">x</li>`);
      expect(made).toEqual({ contexts: 0, blocks: 0 });
      // super() reaches the layout's block; the import of macros.html makes that template's own context, which has no blocks.
      for (let i = 1; i <= 10; i++) expect(counted.renderBlockNow("page.html", "title", { name: `Ada ${i}` })).toBe(`Ada ${i} · Site`);
      expect(made.blocks).toBe(0);
    } finally {
      context.init = init;
      context.addBlock = addBlock;
    }
  });

  it("escapes every value exactly as Nunjucks does", () => {
    const plain = new nunjucks.Environment(null, { autoescape: true });
    const values: unknown[] = [
      "plain",
      "",
      `<a href="x" title='y'>Tom & Jerry \\ </a>`,
      42,
      -1.5e21,
      Number.NaN,
      -Infinity,
      true,
      null,
      undefined,
      ["<b>", 1],
      { toString: () => "<i>" },
      new nunjucks.runtime.SafeString("<em>safe</em>"),
    ];
    for (const value of values) {
      const context = { id: value, label: value };
      expect(engine.renderBlockNow("list.html", "row", context)).toBe(plain.renderString('<li id="row-{{ id }}">{{ label }}</li>', context));
    }
  });

  it("keeps what a block sets, loops over, calls and includes to that render", () => {
    const reference = new nunjucks.Environment(new nunjucks.FileSystemLoader(new URL("./fixtures/templates", import.meta.url).pathname), { autoescape: true });
    for (const context of [{ items: [1, 2, 3], name: "ada", id: 1, label: "one" }, { items: [4], name: "bo", id: 2, label: "two" }, { items: [], name: "cy" }]) {
      const html = (engine.renderBlockNow("block-scopes.html", "scoped", context) as string).trim();
      expect(html).toBe(reference.render("block-scopes.html", context).trim());
      expect(html).toMatch(/^\d*\|\d+\|\|yes\|<div>/);
    }
  });

  it("leaves the caller's context as it was when top-level definitions run", () => {
    const context = { name: "Ada", role: "admin" };
    expect(engine.renderBlockNow("page.html", "main", context)).toContain("Hello, Ada!");
    expect(context).toEqual({ name: "Ada", role: "admin" });
  });
  it("sees the same variables as the whole template does: a context's own properties, not its prototype's", async () => {
    class Row {
      constructor(readonly id: number) {}
      get label(): string {
        return "from the prototype";
      }
    }
    const contexts = [new Row(3), Object.assign(Object.create({ label: "inherited" }) as object, { id: 4 })] as unknown as Record<string, unknown>[];
    for (const context of contexts) {
      const whole = await engine.render("list.html", context);
      expect(whole.trim()).toBe(`<li id="row-${String(context.id)}"></li>`);
      expect(engine.renderBlockNow("list.html", "row", context)).toBe(whole.trim());
    }
  });

  it("leaves the caller's context as it was when a block imports or defines a macro", () => {
    const context = { name: "ada" };
    for (let i = 0; i < 3; i++) {
      expect(engine.renderBlockNow("block-definitions.html", "defines", context)).toBe('<span class="badge">ada</span><span class="badge">ada</span> ADA!');
    }
    expect(context).toEqual({ name: "ada" });
    expect(engine.renderBlockNow("block-definitions.html", "asks", context)).toBe("clean");
  });
});

describe("template errors", () => {
  async function failure(run: () => Promise<unknown>): Promise<TemplateError> {
    const error = await run().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(TemplateError);
    return error as TemplateError;
  }

  it("names the template, the missing block and the blocks there are", async () => {
    const error = await failure(() => engine.renderBlock("page.html", "sidebar"));
    expect(error.message).toBe('page.html: no block "sidebar" in template "page.html"; its blocks are: title, main, nav');
  });

  it("names a missing template and the folder searched", async () => {
    const error = await failure(() => engine.render("nope.html"));
    expect(error.template).toBe("nope.html");
    expect(error.message).toMatch(/template "nope.html" not found in .*fixtures\/templates/);
  });

  it("gives the file and line of a syntax error", async () => {
    const error = await failure(() => engine.render("broken-syntax.html"));
    expect([error.template, error.line]).toEqual(["broken-syntax.html", 2]);
    expect(error.file).toMatch(/fixtures\/templates\/broken-syntax\.html$/);
  });

  it("gives the file and line of a render error inside a block", async () => {
    const error = await failure(() => engine.renderBlock("broken-render.html", "items", { item: { name: "a" } }));
    expect([error.template, error.line]).toEqual(["broken-render.html", 4]);
    expect(error.reason).toContain("missing_function");
  });

  it("gives the line and column of a failing filter, not of its enclosing block", async () => {
    for (const render of [() => engine.renderBlock("unknown-filter.html", "items", { item: { name: "a" } }), () => engine.render("unknown-filter.html", { item: { name: "a" } })]) {
      const error = await failure(render);
      expect([error.template, error.line, error.column, error.reason]).toEqual(["unknown-filter.html", 5, 22, "filter not found: shout"]);
      expect(error.message).toBe("unknown-filter.html:5:22: filter not found: shout");
    }
  });
});
