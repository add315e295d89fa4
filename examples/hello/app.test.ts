import { afterAll, describe, expect, it } from "vitest";
import { TestClient } from "chirp/testing";
import { app } from "./app.ts";

const htmx = { "HX-Request": "true" };

describe("the hello example", () => {
  const client = new TestClient(app);
  afterAll(() => client.close());

  it("serves the page as a Template, linking to each person", async () => {
    const page = await client.get("/");
    expect(page.status).toBe(200);
    expect(page.text).toContain("<title>Hello · chirp example</title>");
    expect(page.text).toContain('hx-get="/people/grace" hx-target="#card"');
    expect(page.text).toContain("Pick someone above.");
  });

  it("serves a person as a Page: the whole page to a visit, the card alone to htmx", async () => {
    const visit = await client.get("/people/grace");
    expect(visit.text).toContain("<title>Grace Hopper · Hello · chirp example</title>");
    const swap = await client.get("/people/grace", { headers: htmx });
    expect(swap.text).toMatch(/^\s*<section id="card"/);
    expect(swap.text).toContain("<h2>Grace Hopper</h2>");
    expect(swap.text).not.toContain("<title>");
    expect(swap.headers.get("vary")).toContain("HX-Request");
  });

  it("sends the greeting as a Fragment", async () => {
    const greeting = await client.get("/people/ada/greeting", { headers: htmx });
    expect(greeting.text).toMatch(/^<p id="greeting"><strong>Hello, Ada Lovelace!<\/strong>/);
  });

  it("sends a string as HTML and an array as JSON", async () => {
    const ping = await client.get("/ping");
    expect(ping.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(ping.text).toBe("<output>pong</output>");
    const people = await client.get("/api/people");
    expect(people.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(people.json<{ id: string }[]>().map((one) => one.id)).toEqual(["ada", "grace", "alan"]);
  });

  it("redirects /first to the first person", async () => {
    const response = await client.get("/first");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/people/ada");
  });

  it("answers an unknown person with a 404 page that says who is missing", async () => {
    const response = await client.get("/people/nobody");
    expect(response.status).toBe(404);
    expect(response.text).toContain("There is no one called “nobody” here.");
  });
});
