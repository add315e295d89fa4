import express from "express";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { App, AppConfig, Fragment, HttpError, Redirect, Reply, Template } from "chirp";
import { TestClient } from "chirp/testing";
import { recordingLogger } from "../support/recording-logger.ts";

const templateDir = new URL("./fixtures/templates", import.meta.url);

function makeApp(debug: boolean) {
  const logger = recordingLogger();
  const app = new App({ config: new AppConfig({ templateDir, debug, logger }) });
  app.route("/", () => "<h1>home</h1>");
  app.route("/page", (req) => new Template("page.html", { name: String(req.query.name ?? "you"), role: "guest" }));
  app.route("/fragment", () => new Fragment("page.html", "main", { name: "Ada", role: "admin" }));
  app.route("/data", () => ({ items: [1, 2], ok: true }));
  app.route("/list", () => [{ id: 1 }]);
  app.route("/empty", () => null);
  app.route("/forgot-return", () => {
    new Template("page.html");
  });
  app.route("/items/:id", (req) => ({ id: req.params.id, query: req.query }));
  app.route("/files/*path", (req) => ({ path: req.params.path }));
  app.route("/async", async () => {
    await Promise.resolve();
    return "<p>later</p>";
  });
  app.route("/echo-form", { methods: ["POST"] }, async (req) => Object.fromEntries(await req.form()));
  app.route("/echo-json", { methods: ["POST", "PUT"] }, async (req) => ({ got: await req.json(), method: req.method }));
  app.route("/whoami", (req) => ({ htmx: req.isHtmx, lastEventId: req.lastEventId ?? null, path: req.path }));
  app.route("/created", () => new Reply(new Template("list.html", { id: 1, label: "x" }), { status: 201, headers: { "x-kind": "row" } }));
  app.route("/moved", () => new Redirect("/", 303));
  app.route("/teapot", () => {
    throw new HttpError(418, "I'm a teapot, not a coffee machine");
  });
  app.route("/boom", () => {
    throw new Error("kaboom in handler");
  });
  app.route("/bad-template", () => new Fragment("broken-render.html", "items", { item: { name: "a" } }));
  app.route("/number", () => 42);
  return { app, logger, client: new TestClient(app) };
}

const production = makeApp(false);
const debug = makeApp(true);
afterAll(() => Promise.all([production.client.close(), debug.client.close()]));
const { client } = production;

describe("return values", () => {
  it("sends a string as HTML", async () => {
    const response = await client.get("/");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.text).toBe("<h1>home</h1>");
  });

  it("renders a Template as a whole page", async () => {
    const response = await client.get("/page?name=Grace");
    expect(response.text).toContain("<title>Grace · Site</title>");
    expect(response.text).toContain("<p>Hello, Grace!");
  });

  it("renders only the Fragment's block", async () => {
    const response = await client.get("/fragment");
    expect(response.text).toBe('<p>Hello, Ada! <span class="badge">admin</span></p>');
  });

  it("sends objects and arrays as JSON", async () => {
    const response = await client.get("/data");
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(response.json()).toEqual({ items: [1, 2], ok: true });
    expect((await client.get("/list")).json()).toEqual([{ id: 1 }]);
  });

  it("answers null with 204", async () => {
    expect((await client.get("/empty")).status).toBe(204);
  });

  it("answers a handler that returned undefined with a 500 naming the route, and logs it in production too", async () => {
    const shown = await debug.client.get("/forgot-return");
    expect(shown.status).toBe(500);
    expect(shown.text).toContain("the handler for GET /forgot-return returned undefined: did it forget to `return`?");
    const plain = await client.get("/forgot-return");
    expect(plain.status).toBe(500);
    expect(plain.text).not.toContain("forget");
    expect(production.logger.lines).toContainEqual({ level: "error", message: expect.stringContaining("GET /forgot-return failed: TypeError: the handler for GET /forgot-return returned undefined") });
  });

  it("waits for async handlers", async () => {
    expect((await client.get("/async")).text).toBe("<p>later</p>");
  });

  it("applies a Reply's status and headers to what it wraps", async () => {
    const response = await client.get("/created");
    expect([response.status, response.headers.get("x-kind"), response.text]).toEqual([201, "row", '<li id="row-1">x</li>\n']);
  });

  it("redirects, and tells htmx to navigate", async () => {
    const plain = await client.get("/moved");
    expect([plain.status, plain.headers.get("location"), plain.headers.get("hx-redirect")]).toEqual([303, "/", null]);
    const htmx = await client.get("/moved", { headers: { "hx-request": "true" } });
    expect(htmx.headers.get("hx-redirect")).toBe("/");
  });

  it("refuses a return value it cannot send, naming the route", async () => {
    const response = await debug.client.get("/number");
    expect(response.status).toBe(500);
    expect(response.text).toContain("the handler for GET /number returned a number");
  });
});

describe("requests", () => {
  it("passes path parameters and the query", async () => {
    expect((await client.get("/items/42?tag=a&tag=b&q=x")).json()).toEqual({ id: "42", query: { tag: ["a", "b"], q: "x" } });
    expect((await client.get("/files/docs/a/b.txt")).json()).toEqual({ path: "docs/a/b.txt" });
  });

  it("reads forms and JSON bodies", async () => {
    expect((await client.post("/echo-form", { form: { name: "Ada", lang: "ts" } })).json()).toEqual({ name: "Ada", lang: "ts" });
    expect((await client.request("PUT", "/echo-json", { json: { a: [1] } })).json()).toEqual({ got: { a: [1] }, method: "PUT" });
  });

  it("answers malformed JSON with 400 saying so", async () => {
    const response = await client.post("/echo-json", { body: "{nope", headers: { "content-type": "application/json" } });
    expect(response.status).toBe(400);
    expect(response.text).toContain("request body is not valid JSON");
  });

  it("answers a form of the wrong type with 415", async () => {
    const response = await client.post("/echo-form", { json: { a: 1 } });
    expect(response.status).toBe(415);
    expect(response.text).toContain("application/x-www-form-urlencoded");
  });

  it("refuses a body over the limit with 413", async () => {
    const small = new App({ config: new AppConfig({ templateDir, maxBodyBytes: 10, logger: recordingLogger() }) });
    small.route("/in", { methods: ["POST"] }, async (req) => ({ size: (await req.body()).length }));
    const smallClient = new TestClient(small);
    try {
      expect((await smallClient.post("/in", { body: "0123456789" })).json()).toEqual({ size: 10 });
      expect((await smallClient.post("/in", { body: "0123456789X" })).status).toBe(413);
    } finally {
      await smallClient.close();
    }
  });

  it("knows htmx requests and Last-Event-ID", async () => {
    expect((await client.get("/whoami")).json()).toEqual({ htmx: false, lastEventId: null, path: "/whoami" });
    const response = await client.get("/whoami", { headers: { "hx-request": "true", "last-event-id": "41" } });
    expect(response.json()).toEqual({ htmx: true, lastEventId: "41", path: "/whoami" });
  });
});

describe("errors", () => {
  it("answers an unknown path with 404", async () => {
    const response = await client.get("/nowhere");
    expect(response.status).toBe(404);
    expect(response.text).toContain("Nothing is served at /nowhere.");
  });

  it("answers a known path with the wrong method with 405 and Allow", async () => {
    const response = await client.post("/data");
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD");
    const json = await client.request("DELETE", "/echo-json");
    expect(json.headers.get("allow")).toBe("POST, PUT");
  });

  it("answers an HttpError with its status and message", async () => {
    const response = await client.get("/teapot");
    expect(response.status).toBe(418);
    expect(response.text).toContain("I&#39;m a teapot, not a coffee machine");
  });

  it("hides a handler's error in production and logs its stack", async () => {
    const response = await client.get("/boom");
    expect(response.status).toBe(500);
    expect(response.text).not.toContain("kaboom");
    expect(production.logger.lines.some((line) => line.level === "error" && line.message.includes("GET /boom failed: Error: kaboom in handler\n    at"))).toBe(true);
  });

  it("shows the error and its stack in debug", async () => {
    const response = await debug.client.get("/boom");
    expect(response.status).toBe(500);
    expect(response.text).toContain("kaboom in handler");
    // Paths in the working directory are written relative to it, as people name their files.
    expect(response.text).toContain("(tests/chirp/app.test.ts:");
    expect(response.text).not.toContain(process.cwd());
    expect(production.logger.lines.find((line) => line.message.startsWith("GET /boom failed"))?.message).not.toContain(process.cwd());
  });

  it("shows a template error's file, line and source in debug", async () => {
    const response = await debug.client.get("/bad-template");
    expect(response.status).toBe(500);
    expect(response.text).toContain("Template <code>broken-render.html</code>, line 4, column 26 (tests/chirp/fixtures/templates/broken-render.html)");
    expect(response.text).toMatch(/<span class="hit">\s+4 \| {3}&lt;li&gt;\{\{ missing_function\(\) \}\}/);
  });

  it("keeps serving after errors", async () => {
    expect((await client.get("/")).status).toBe(200);
  });

  it("refuses a route registered twice and a path without a slash", () => {
    const app = new App();
    app.route("/x", () => "");
    expect(() => app.route("/x", () => "")).toThrow("route GET /x is already registered");
    expect(() => app.route("x", () => "")).toThrow('route path must start with "/"');
  });
});

describe("Express middleware", () => {
  it("runs app.use() middleware before the routes, and reports its errors", async () => {
    const app = new App({ config: new AppConfig({ templateDir, logger: recordingLogger() }) });
    app.use((req, res, next) => {
      res.setHeader("x-seen", "yes");
      next();
    });
    app.use("/static", express.static(new URL("./fixtures/templates", import.meta.url).pathname));
    app.use("/api", express.json());
    app.route("/api/echo", { methods: ["POST"] }, async (req) => ({ body: await req.json().catch(() => "read by express") }));
    app.route("/", () => "home");
    const middlewareClient = new TestClient(app);
    try {
      const home = await middlewareClient.get("/");
      expect([home.text, home.headers.get("x-seen")]).toEqual(["home", "yes"]);
      expect((await middlewareClient.get("/static/list.html")).text).toContain("{% block row %}");
      const malformed = await middlewareClient.post("/api/echo", { body: "{oops", headers: { "content-type": "application/json" } });
      expect(malformed.status).toBe(400);
      expect((await middlewareClient.get("/missing")).status).toBe(404);
    } finally {
      await middlewareClient.close();
    }
  });
});

describe("htmx assets", () => {
  it("serves htmx 2 and the SSE extension from node_modules with cache headers", async () => {
    const htmx = await client.get("/_chirp/htmx.min.js");
    expect(htmx.status).toBe(200);
    expect(htmx.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(htmx.headers.get("cache-control")).toBe("public, max-age=604800");
    expect(htmx.text).toMatch(/version:"2\.\d+\.\d+"/);
    const sse = await client.get("/_chirp/htmx-ext-sse.js");
    expect(sse.text).toContain("defineExtension('sse'");
    const again = await client.get("/_chirp/htmx.min.js", { headers: { "if-none-match": htmx.headers.get("etag")! } });
    expect(again.status).toBe(304);
    expect((await client.get("/_chirp/other.js")).status).toBe(404);
  });
});

describe("whole bodies", () => {
  it("ends a text answer with its text, which Node writes in one piece with the headers", async () => {
    const app = new App({ config: new AppConfig({ templateDir, logger: recordingLogger() }) });
    app.route("/", () => "<p>small</p>");
    app.route("/page", () => new Template("page.html", { name: "Ada", role: "admin" }));
    const ended: string[] = [];
    const server = http.createServer((req, res) => {
      const end = res.end.bind(res) as (chunk?: unknown) => typeof res;
      res.end = ((chunk?: unknown) => (ended.push(typeof chunk), end(chunk))) as typeof res.end;
      app.handler(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    expect(await (await fetch(`${base}/`)).text()).toBe("<p>small</p>");
    expect(await (await fetch(`${base}/page`)).text()).toContain("Hello, Ada!");
    expect(ended).toEqual(["string", "string"]);
    await new Promise((resolve) => server.close(resolve));
  });
});
