import { afterAll, describe, expect, it } from "vitest";
import { TestClient } from "chirp/testing";
import { app } from "./app.ts";

const htmx = { "HX-Request": "true" };

describe("the todo example", () => {
  const client = new TestClient(app);
  afterAll(() => client.close());

  it("serves the list with its count and a form that works without JavaScript", async () => {
    const page = await client.get("/");
    expect(page.status).toBe(200);
    expect(page.text).toContain('<span id="count" class="count" aria-live="polite">2 left</span>');
    expect(page.text).toMatch(/<form id="new-todo" class="add" method="post" action="\/todos" hx-post="\/todos"/);
    expect(page.text).toContain("Buy oat milk");
  });

  it("adds a todo: the form comes back empty, the item and the count go out of band", async () => {
    const response = await client.post("/todos", { form: { title: "Call mum" }, headers: htmx });
    expect(response.status).toBe(200);
    expect(response.text).toMatch(/^\s*<form id="new-todo"[^]*value=""[^]*<\/form>/);
    expect(response.text).toMatch(/<div hx-swap-oob="beforeend:#todo-list">\s*<li id="todo-3">[^]*Call mum[^]*<\/li>\s*<\/div>/);
    expect(response.text).toContain('<span hx-swap-oob="true" id="count" class="count" aria-live="polite">3 left</span>');
  });

  it("answers an empty title with 422 and the form showing its error", async () => {
    const response = await client.post("/todos", { form: { title: "   " }, headers: htmx });
    expect(response.status).toBe(422);
    expect(response.text).toMatch(/^\s*<form id="new-todo"/);
    expect(response.text).toContain('aria-invalid="true"');
    expect(response.text).toContain('<p id="title-error" class="error">Give the todo a title.</p>');
  });

  it("toggles a todo and updates the count out of band", async () => {
    const response = await client.post("/todos/1/toggle", { headers: htmx });
    expect(response.text).toMatch(/^\s*<li id="todo-1" class="done">/);
    expect(response.text).toContain('aria-pressed="true"');
    expect(response.text).toContain('id="count" class="count" aria-live="polite">2 left</span>');
  });

  it("deletes a todo: nothing in its place, and the new count", async () => {
    const response = await client.post("/todos/2/delete", { headers: htmx });
    expect(response.text).toBe('\n<span hx-swap-oob="true" id="count" class="count" aria-live="polite">1 left</span>');
  });

  it("without JavaScript, posts redirect back to the list and errors come on the whole page", async () => {
    const added = await client.post("/todos", { form: { title: "Plain post" } });
    expect(added.status).toBe(303);
    expect(added.headers.get("location")).toBe("/");
    const invalid = await client.post("/todos", { form: { title: "" } });
    expect(invalid.status).toBe(422);
    expect(invalid.text).toContain("<title>Todo · chirp example</title>");
    expect(invalid.text).toContain("Give the todo a title.");
    expect((await client.post("/todos/4/toggle")).status).toBe(303);
    expect((await client.get("/")).text).toMatch(/<li id="todo-4" class="done">[^]*Plain post/);
  });
});
