import { afterAll, describe, expect, it } from "vitest";
import { App, AppConfig, Page } from "chirp";
import { TestClient } from "chirp/testing";

const templateDir = new URL("./fixtures/templates", import.meta.url);
const app = new App({ config: new AppConfig({ templateDir }) });
app.route("/search", (req) => new Page("search.html", "results", { results: [`${String(req.query.q)} one`, `${String(req.query.q)} two`] }, { pageBlock: "main" }));
app.route("/plain", () => new Page("search.html", "results", { results: ["a"] }));
const client = new TestClient(app);
afterAll(() => client.close());

const RESULTS = "<ul id=\"results\"><li>tea one</li><li>tea two</li></ul>";

describe("Page", () => {
  it("is an immutable value with its options", () => {
    const page = new Page("search.html", "results", { q: "x" }, { pageBlock: "main" });
    expect(page).toMatchObject({ template: "search.html", block: "results", context: { q: "x" }, pageBlock: "main" });
    expect(Object.isFrozen(page)).toBe(true);
    expect(new Page("a.html", "b").context).toEqual({});
  });

  it("picks the whole template, the block or the page block from the request headers", () => {
    const page = new Page("search.html", "results", {}, { pageBlock: "main" });
    expect(page.blockFor({})).toBeUndefined();
    expect(page.blockFor({ "hx-request": "true" })).toBe("results");
    expect(page.blockFor({ "hx-request": "true", "hx-boosted": "true" })).toBe("main");
    expect(page.blockFor({ "hx-request": "true", "hx-history-restore-request": "true" })).toBeUndefined();
    expect(new Page("a.html", "b").blockFor({ "hx-request": "true", "hx-boosted": "true" })).toBeUndefined();
  });
});

describe("Page over HTTP", () => {
  it("sends a direct visit the whole page, with Vary naming the headers it depends on", async () => {
    const response = await client.get("/search?q=tea");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("vary")).toBe("HX-Request, HX-Boosted, HX-History-Restore-Request");
    expect(response.text).toMatch(/^<!doctype html>/);
    expect(response.text).toContain("<title>Search</title>");
    expect(response.text).toContain(RESULTS);
  });

  it("sends an htmx request only the block", async () => {
    const response = await client.get("/search?q=tea", { headers: { "HX-Request": "true" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("vary")).toBe("HX-Request, HX-Boosted, HX-History-Restore-Request");
    expect(response.text).toBe(RESULTS);
  });

  it("sends a boosted navigation the page block", async () => {
    const response = await client.get("/search?q=tea", { headers: { "HX-Request": "true", "HX-Boosted": "true" } });
    expect(response.text).toMatch(/^<main id="main">\s*<h1>Search<\/h1>/);
    expect(response.text).toContain(RESULTS);
    expect(response.text).not.toContain("<title>");
  });

  it("sends a boosted navigation the whole page when there is no page block", async () => {
    const response = await client.get("/plain", { headers: { "HX-Request": "true", "HX-Boosted": "true" } });
    expect(response.text).toContain("<title>Search</title>");
  });

  it("sends an htmx history restore the whole page", async () => {
    const response = await client.get("/search?q=tea", { headers: { "HX-Request": "true", "HX-History-Restore-Request": "true" } });
    expect(response.text).toContain("<title>Search</title>");
    expect(response.text).toContain(RESULTS);
  });
});
