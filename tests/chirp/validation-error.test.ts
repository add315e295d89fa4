import { afterAll, describe, expect, it } from "vitest";
import { App, AppConfig, ValidationError } from "chirp";
import { TestClient } from "chirp/testing";

const templateDir = new URL("./fixtures/templates", import.meta.url);
const app = new App({ config: new AppConfig({ templateDir }) });
app.route("/todos", { methods: ["POST"] }, async (req) => {
  const title = (await req.form()).get("title") ?? "";
  const context = { todos: [{ id: 1, title: "Milk" }], left: 1, values: { title }, errors: { title: "Give the todo a title." } };
  return new ValidationError("todo.html", "form", context, req.query.status ? { status: Number(req.query.status) } : {});
});
const client = new TestClient(app);
afterAll(() => client.close());

describe("ValidationError", () => {
  it("is an immutable value answering 422 unless told another 4xx", () => {
    const error = new ValidationError("todo.html", "form", { errors: {} });
    expect(error).toMatchObject({ template: "todo.html", block: "form", context: { errors: {} }, status: 422 });
    expect(Object.isFrozen(error)).toBe(true);
    expect(new ValidationError("todo.html", "form", {}, { status: 400 }).status).toBe(400);
  });

  it("refuses a status that is not a client error", () => {
    expect(() => new ValidationError("todo.html", "form", {}, { status: 200 })).toThrow("ValidationError status must be a 4xx integer, got 200");
    expect(() => new ValidationError("todo.html", "form", {}, { status: 500 })).toThrow(RangeError);
  });
});

describe("ValidationError over HTTP", () => {
  it("answers an htmx post 422 with the form block alone, holding the errors and the values sent", async () => {
    const response = await client.post("/todos", { form: { title: '  <b>"x"' }, headers: { "HX-Request": "true" } });
    expect(response.status).toBe(422);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("vary")).toBe("HX-Request, HX-Boosted, HX-History-Restore-Request");
    expect(response.text).toMatch(/^<form id="new-todo" method="post" action="\/todos">/);
    expect(response.text).toContain('<input name="title" value="  &lt;b&gt;&quot;x&quot;">');
    expect(response.text).toContain('<p class="error">Give the todo a title.</p>');
    expect(response.text).toMatch(/<\/form>$/);
  });

  it("answers a plain form post with the whole page, so the form works without JavaScript", async () => {
    const response = await client.post("/todos", { form: { title: "" } });
    expect(response.status).toBe(422);
    expect(response.text).toMatch(/^<!doctype html>/);
    expect(response.text).toContain('<p class="error">Give the todo a title.</p>');
    expect(response.text).toContain('<li id="todo-1">Milk</li>');
  });

  it("uses the status it was given", async () => {
    expect((await client.post("/todos?status=400", { form: { title: "" }, headers: { "HX-Request": "true" } })).status).toBe(400);
  });
});
