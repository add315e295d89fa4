import { afterAll, describe, expect, it } from "vitest";
import { TestClient } from "chirp/testing";
import { app } from "./app.ts";

describe("the search example", () => {
  const client = new TestClient(app);
  afterAll(() => client.close());

  it("serves the empty search page", async () => {
    const page = await client.get("/");
    expect(page.status).toBe(200);
    expect(page.text).toContain('hx-trigger="input changed delay:300ms, search"');
    expect(page.text).toContain('hx-push-url="true"');
    expect(page.text).toContain("Type to search the first 36 elements.");
  });

  it("sends a direct visit to /search the whole page with the query filled in", async () => {
    const page = await client.get("/search?q=ne");
    expect(page.text).toContain("<title>“ne” · Element search · chirp example</title>");
    expect(page.text).toContain('value="ne"');
    expect(page.text).toContain("6 elements match “ne”.");
  });

  it("sends the htmx request made while typing only the results", async () => {
    const results = await client.get("/search?q=iron", { headers: { "HX-Request": "true" } });
    expect(results.text).toMatch(/^\s*<section id="results" aria-live="polite">/);
    expect(results.text).toContain("1 element match “iron”.");
    expect(results.text).toContain('<span class="symbol">Fe</span>Iron');
    expect(results.headers.get("vary")).toBe("HX-Request, HX-Boosted, HX-History-Restore-Request");
  });

  it("sends htmx's history restore the whole page", async () => {
    const page = await client.get("/search?q=ne", { headers: { "HX-Request": "true", "HX-History-Restore-Request": "true" } });
    expect(page.text).toContain('value="ne"');
    expect(page.text).toContain("<title>");
  });

  it("escapes the query", async () => {
    const page = await client.get(`/search?q=${encodeURIComponent("<b>")}`, { headers: { "HX-Request": "true" } });
    expect(page.text).toContain("0 elements match “&lt;b&gt;”.");
  });
});
