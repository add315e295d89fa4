import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClient } from "chirp/testing";
import { app } from "./app.ts";

describe("the suspense dashboard example", () => {
  const client = new TestClient(app);
  let body: string;

  beforeAll(async () => {
    process.env.DASHBOARD_DELAY = "0.01";
    body = (await client.get("/")).text;
  });
  afterAll(() => client.close());

  it("sends the shell with a loading placeholder in every tile", () => {
    const shell = body.slice(0, body.indexOf("<template"));
    expect(shell).toContain("<title>Sales today · chirp Suspense example</title>");
    expect(shell.match(/data-state="loading" aria-busy="true"/g)).toHaveLength(3);
  });

  it("streams the tiles in the order their sources answer, not the order on the page", () => {
    const order = [...body.matchAll(/<template data-chirp-swap="(\w+)">/g)].map((match) => match[1]);
    expect(order).toEqual(["orders", "revenue", "inventory"]);
  });

  it("fills in revenue and orders", () => {
    expect(body).toMatch(/<template data-chirp-swap="revenue">[^]*data-state="ready"[^]*€48,210/);
    expect(body).toMatch(/<template data-chirp-swap="orders">[^]*<p class="figure">312<\/p>/);
  });

  it("shows the failing stock source as an error tile", () => {
    expect(body).toMatch(/<template data-chirp-swap="inventory">[^]*data-state="failed"[^]*<p role="alert">Stock is unavailable: The stock service did not answer in time.<\/p>/);
  });

  it("ends the page after the last tile", () => {
    expect(body).toMatch(/<\/script><\/body>\n<\/html>\s*$/);
  });
});
