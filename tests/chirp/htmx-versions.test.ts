import { afterEach, describe, expect, it } from "vitest";
import { App, AppConfig, EventStream, Fragment, SSEEvent, htmxScripts, type HtmxVersion } from "chirp";
import { TestClient } from "chirp/testing";

const templateDir = new URL("./fixtures/dialects", import.meta.url);
const savedHtmx = process.env.CHIRP_HTMX;
let client: TestClient | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
  if (savedHtmx === undefined) delete process.env.CHIRP_HTMX;
  else process.env.CHIRP_HTMX = savedHtmx;
});

/** An app in htmx `htmx` mode with the page at / and a stream of `values` at /s. */
function serve(htmx: HtmxVersion, values: unknown[]): TestClient {
  const app = new App({ config: new AppConfig({ templateDir, htmx }) });
  app.route("/", () => new Fragment("page.html", "wiring"));
  app.route("/page", () => new Fragment("page.html", "row", { label: "x" }));
  app.route("/s", { stream: true }, () => new EventStream(values));
  client = new TestClient(app);
  return client;
}

describe("AppConfig htmx", () => {
  it("is 2 by default, 4 with CHIRP_HTMX=4, and what is given otherwise", () => {
    delete process.env.CHIRP_HTMX;
    expect(new AppConfig().htmx).toBe(2);
    process.env.CHIRP_HTMX = "4";
    expect(new AppConfig().htmx).toBe(4);
    expect(new AppConfig({ htmx: 2 }).htmx).toBe(2);
  });

  it("refuses other versions, naming where the bad value came from", () => {
    process.env.CHIRP_HTMX = "3";
    expect(() => new AppConfig()).toThrow('CHIRP_HTMX must be 2 or 4, got "3"');
    expect(() => new AppConfig({ htmx: 3 as HtmxVersion })).toThrow("AppConfig htmx must be 2 or 4, got 3");
  });
});

describe("htmx 4 files", () => {
  it("serves htmx 4 and its hx-sse extension beside htmx 2", async () => {
    const client = serve(4, []);
    const htmx = await client.get("/_chirp/htmx4.min.js");
    expect(htmx.status).toBe(200);
    expect(htmx.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(htmx.text).toMatch(/this\.version="4\.\d+\.\d+"/);
    expect((await client.get("/_chirp/htmx4.js")).text).toContain("class Htmx");
    expect((await client.get("/_chirp/hx-sse.js")).text).toContain("registerExtension('sse'");
    expect((await client.get("/_chirp/htmx.min.js")).text).toMatch(/version:"2\.\d+\.\d+"/);
  });

  it("gives the script tags of each version", () => {
    expect(htmxScripts(2)).toBe('<script src="/_chirp/htmx.min.js"></script>\n<script src="/_chirp/htmx-ext-sse.js"></script>');
    expect(htmxScripts(4)).toBe('<script src="/_chirp/htmx4.min.js"></script>\n<script src="/_chirp/hx-sse.js"></script>');
  });
});

describe("templates per htmx version", () => {
  it("sets the htmx and htmx_scripts globals and prefers the version's own folder", async () => {
    const two = await serve(2, []).get("/");
    expect(two.text).toBe('<div hx-ext="sse" sse-connect="/s"><ol id="rows" sse-swap="row"></ol></div>');
    await client?.close();
    const four = await serve(4, []).get("/");
    expect(four.text).toBe('<div hx-sse:connect="/s"><ol id="rows"></ol></div>');
  });

  it("renders whole pages with the version's scripts", async () => {
    const app = new App({ config: new AppConfig({ templateDir, htmx: 4 }) });
    const page = await app.templates.render("page.html");
    expect(page).toContain("<title>htmx 4</title>");
    expect(page).toContain('<script src="/_chirp/htmx4.min.js"></script>\n<script src="/_chirp/hx-sse.js"></script>');
    expect(app.templates.resolve("page.html")).toBe(new URL("./fixtures/dialects/htmx4/page.html", import.meta.url).pathname);
    expect(app.templates.resolve("shell.html")).toBe(new URL("./fixtures/dialects/shell.html", import.meta.url).pathname);
    expect(app.templates.resolve("missing.html")).toBeUndefined();
  });
});

describe("fragments on the wire", () => {
  const values = () => [
    new SSEEvent({ data: "connected", event: "status" }),
    new Fragment("page.html", "row", { label: "<one>" }),
    new Fragment("page.html", "row", { label: "two" }, { target: "rows", swap: "beforeend" }),
    new Fragment("page.html", "row", { label: "three" }, { target: "#rows > li:first-child", swap: "outerHTML" }),
  ];

  it("htmx 2: named after the target, else the block", async () => {
    const result = await serve(2, values()).sse("/s");
    expect(result.raw).toBe(
      "event: status\ndata: connected\n\n" +
        "event: row\ndata: <li>&lt;one&gt;</li>\n\n" +
        "event: rows\ndata: <li>two</li>\n\n" +
        "event: #rows > li:first-child\ndata: <li>three</li>\n\n",
    );
  });

  it("htmx 4: unnamed messages of one <hx-partial> each, a bare target as an id; SSEEvents unchanged", async () => {
    const result = await serve(4, values()).sse("/s");
    expect(result.raw).toBe(
      "event: status\ndata: connected\n\n" +
        'data: <hx-partial hx-target="#row"><li>&lt;one&gt;</li></hx-partial>\n\n' +
        'data: <hx-partial hx-target="#rows" hx-swap="beforeend"><li>two</li></hx-partial>\n\n' +
        'data: <hx-partial hx-target="#rows &gt; li:first-child" hx-swap="outerHTML"><li>three</li></hx-partial>\n\n',
    );
  });

  it("answers a fragment route with the block alone in either version", async () => {
    expect((await serve(4, []).get("/page")).text).toBe("<li>x</li>");
  });
});
