import { afterAll, describe, expect, it } from "vitest";
import { App, AppConfig, Fragment, OOB, Page } from "chirp";
import { TestClient } from "chirp/testing";
import { addRootAttribute, markOutOfBand, rootElement } from "../../server/chirp/templating/out-of-band.ts";
import { recordingLogger } from "../support/recording-logger.ts";

const templateDir = new URL("./fixtures/templates", import.meta.url);
const app = new App({ config: new AppConfig({ templateDir, logger: recordingLogger() }) });
const item = new Fragment("todo.html", "item", { todo: { id: 3, title: "Milk & tea" } });
app.route("/toggle", () => new OOB(item, new Fragment("todo.html", "count", { left: 2 })));
app.route("/add", { methods: ["POST"] }, () =>
  new OOB(
    new Fragment("todo.html", "form", { values: {} }),
    new Fragment("todo.html", "item", { todo: { id: 4, title: "Bread" } }, { target: "list", swap: "beforeend" }),
    new Fragment("todo.html", "count", { left: 3 }, { target: "count", swap: "outerHTML" }),
  ),
);
app.route("/delete", () => new OOB("", new Fragment("todo.html", "count", { left: 1 })));
app.route("/page-main", () => new OOB(new Page("search.html", "results", { results: ["a"] }), new Fragment("todo.html", "count", { left: 0 })));
app.route("/two-roots", () => new OOB(item, new Fragment("todo.html", "two_roots")));
app.route("/no-id", () => new OOB(item, new Fragment("todo.html", "no_id", { left: 1 })));
app.route("/marked", () => new OOB(item, new Fragment("todo.html", "marked")));
const client = new TestClient(app);
afterAll(() => client.close());

describe("OOB and Fragment.swap", () => {
  it("are immutable values", () => {
    const count = new Fragment("todo.html", "count", {}, { target: "count", swap: "innerHTML" });
    const oob = new OOB(item, count);
    expect(count.swap).toBe("innerHTML");
    expect(oob.main).toBe(item);
    expect(oob.more).toEqual([count]);
    expect(Object.isFrozen(oob) && Object.isFrozen(oob.more) && Object.isFrozen(count)).toBe(true);
  });

  it("refuses a swap style htmx does not know, and an out-of-band value that is no Fragment", () => {
    expect(() => new Fragment("todo.html", "count", {}, { swap: "outerHtml" })).toThrow(/todo.html", "count"\): swap must be one of innerHTML, outerHTML, .*got "outerHtml"/);
    expect(() => new OOB(item, "<p>" as unknown as Fragment)).toThrow("OOB: out-of-band value 1 must be a Fragment");
  });

  it("marks the root element on its own id, or for outerHTML at a target; carries the whole block for other swaps at a target", () => {
    const span = '<span id="count">2</span>';
    expect(markOutOfBand(span, new Fragment("t", "b"))).toBe('<span hx-swap-oob="true" id="count">2</span>');
    expect(markOutOfBand(span, new Fragment("t", "b", {}, { swap: "innerHTML" }))).toBe('<span hx-swap-oob="innerHTML" id="count">2</span>');
    expect(markOutOfBand(span, new Fragment("t", "b", {}, { target: "total" }))).toBe('<span hx-swap-oob="outerHTML:#total" id="count">2</span>');
    expect(markOutOfBand("<li>a</li><li>b</li>", new Fragment("t", "b", {}, { target: "list", swap: "beforeend" }))).toBe('<div hx-swap-oob="beforeend:#list"><li>a</li><li>b</li></div>');
    expect(markOutOfBand("\n<!-- row --><tr><td>1</td></tr>", new Fragment("t", "b", {}, { target: "rows", swap: "afterbegin" }))).toBe('<tbody hx-swap-oob="afterbegin:#rows">\n<!-- row --><tr><td>1</td></tr></tbody>');
    expect(markOutOfBand("<td>1</td>", new Fragment("t", "b", {}, { target: "row", swap: "beforeend" }))).toMatch(/^<tr hx-swap-oob/);
  });

  it("adds the attribute to the one root element, keeping the markup as rendered", () => {
    expect(addRootAttribute("\n<!-- c --> <TR class=a><td>1</td></TR>\n", "hx-swap-oob", "true", "x")).toBe('\n<!-- c --> <TR hx-swap-oob="true" class=a><td>1</td></TR>\n');
    expect(rootElement('<li id="todo-1">a</li>', "x").id).toBe("todo-1");
    expect(() => rootElement("just text", "block b of t.html")).toThrow("block b of t.html must render exactly one root element to be swapped by id, but it renders no element");
    expect(() => rootElement("<i></i> and text", "x")).toThrow("renders text beside its element");
  });
});

describe("OOB over HTTP", () => {
  it("sends the main fragment, then each extra fragment marked hx-swap-oob on its root element", async () => {
    const response = await client.get("/toggle", { headers: { "HX-Request": "true" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.text).toBe('<li id="todo-3">Milk &amp; tea</li>\n<span hx-swap-oob="true" id="count">2 left</span>');
  });

  it("names the target and swap style when the fragment has them", async () => {
    const response = await client.post("/add", { headers: { "HX-Request": "true" } });
    const [form, ...oob] = response.text.split("\n</form>");
    expect(form).toMatch(/^<form id="new-todo"/);
    expect(oob.join("")).toContain('\n<div hx-swap-oob="beforeend:#list"><li id="todo-4">Bread</li></div>\n<span hx-swap-oob="outerHTML:#count" id="count">3 left</span>');
  });

  it("takes a string or a Page as the main part", async () => {
    expect((await client.get("/delete")).text).toBe('\n<span hx-swap-oob="true" id="count">1 left</span>');
    const page = await client.get("/page-main", { headers: { "HX-Request": "true" } });
    expect(page.headers.get("vary")).toBe("HX-Request, HX-Boosted, HX-History-Restore-Request");
    expect(page.text).toBe('<ul id="results"><li>a</li></ul>\n<span hx-swap-oob="true" id="count">0 left</span>');
  });

  it("answers 500 naming the template and block when a block is not one element with an id", async () => {
    const debug = new App({ config: new AppConfig({ templateDir, debug: true, logger: recordingLogger() }) });
    for (const route of app.routes) debug.route(route.path, { methods: [...route.methods] }, route.handler);
    const debugClient = new TestClient(debug);
    try {
      const twoRoots = await debugClient.get("/two-roots");
      expect(twoRoots.status).toBe(500);
      expect(twoRoots.text).toContain("OOB fragment &quot;two_roots&quot; of todo.html must render exactly one root element to be swapped by id, but it renders 2 elements");
      const noId = await debugClient.get("/no-id");
      expect(noId.text).toContain("OOB fragment &quot;no_id&quot; of todo.html has no target and its root element no id");
      const marked = await debugClient.get("/marked");
      expect(marked.text).toContain("already has a hx-swap-oob attribute on its root element");
      expect((await client.get("/two-roots")).status).toBe(500);
      expect((await client.get("/toggle")).status).toBe(200);
    } finally {
      await debugClient.close();
    }
  });
});
