import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { App, AppConfig, HttpError, Suspense, TemplateEngine } from "chirp";
import { TestClient } from "chirp/testing";
import { recordingLogger } from "../support/recording-logger.ts";

const templateDir = new URL("./fixtures/templates", import.meta.url);

/** A promise the test settles by hand. */
function settleable<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((yes, no) => [resolve, reject] = [yes, no]);
  return { promise, resolve, reject };
}

function makeApp(debug: boolean) {
  const logger = recordingLogger();
  const app = new App({ config: new AppConfig({ templateDir, debug, logger }) });
  const state = {
    revenue: settleable<{ total: number }>(),
    orders: settleable<unknown[]>(),
    signal: undefined as AbortSignal | undefined,
  };
  app.route("/dashboard", (req) => {
    state.signal = req.signal;
    return new Suspense("dashboard.html", { title: "Sales", revenue: state.revenue.promise, orders: state.orders.promise });
  });
  app.route("/stock", () => new Suspense("dashboard.html", { title: "Stock", stock: Promise.resolve("12 left") }));
  app.route("/nothing-deferred", () => new Suspense("dashboard.html", { title: "Plain" }));
  return { app, logger, state, client: new TestClient(app) };
}

const production = makeApp(false);
const debug = makeApp(true);
afterAll(() => Promise.all([production.client.close(), debug.client.close()]));
beforeEach(() => {
  for (const { state } of [production, debug]) {
    state.revenue = settleable();
    state.orders = settleable();
  }
});

/** Reads a streamed body chunk by chunk. */
async function open(client: TestClient, path: string, headers: Record<string, string> = {}, signal?: AbortSignal) {
  const response = await fetch(new URL(path, await client.url()), { headers, signal });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  return {
    response,
    /** Reads until `done(text)` holds; returns all text so far. */
    async until(done: (text: string) => boolean): Promise<string> {
      while (!done(text)) {
        const { value, done: ended } = await reader.read();
        if (ended) throw new Error(`the body ended before the condition held: ${text}`);
        text += decoder.decode(value, { stream: true });
      }
      return text;
    },
    async rest(): Promise<string> {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return text;
        text += decoder.decode(value, { stream: true });
      }
    },
  };
}

describe("Suspense", () => {
  it("keeps the plain values and defers the promises", () => {
    const revenue = Promise.resolve(1);
    const suspense = new Suspense("dashboard.html", { title: "Sales", revenue });
    expect(suspense.values).toEqual({ title: "Sales" });
    expect([...suspense.deferred]).toEqual([["revenue", revenue]]);
    expect(suspense.context).toEqual({ title: "Sales", revenue });
    expect(Object.isFrozen(suspense) && Object.isFrozen(suspense.values)).toBe(true);
  });

  it("handles a rejection from the start: no unhandled rejection while it waits to be sent", async () => {
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", record);
    try {
      new Suspense("dashboard.html", { revenue: Promise.reject(new Error("down")) });
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", record);
    }
  });

  it("knows which context names each block reads", () => {
    const names = new TemplateEngine(new URL(templateDir).pathname).namesByBlock("dashboard.html");
    expect([...names.keys()]).toEqual(["revenue", "orders", "both", "anonymous"]);
    expect([...names.get("revenue")!]).toEqual(["revenue", "failed"]);
    expect([...names.get("both")!]).toEqual(["revenue", "orders"]);
  });
});

describe("Suspense over HTTP", () => {
  it("sends the shell at once, then each block as its promises settle, in the order they settle", async () => {
    const { client, state } = production;
    const body = await open(client, "/dashboard");
    expect(body.response.status).toBe(200);
    expect(body.response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(body.response.headers.get("vary")).toBe("HX-Request");
    expect(body.response.headers.get("x-accel-buffering")).toBe("no");
    expect(body.response.headers.get("content-length")).toBeNull();

    const shell = await body.until((text) => text.includes('<section id="both">'));
    expect(shell).toContain('<section id="revenue">Loading revenue…</section>');
    expect(shell).toContain('<section id="orders">Loading orders…</section>');
    expect(shell).not.toContain("</body>");

    state.orders.resolve([1, 2, 3, 4]);
    const orders = await body.until((text) => text.includes("</script>"));
    expect(orders.slice(shell.length)).toMatch(/^\n<template data-chirp-swap="orders"><section id="orders">Orders 4<\/section><\/template><script>[^<]*<\/script>$/);

    state.revenue.resolve({ total: 100 });
    const all = await body.rest();
    const swapped = [...all.matchAll(/<template data-chirp-swap="(\w+)">(.*?)<\/template>/g)].map((match) => [match[1], match[2]]);
    expect(swapped).toEqual([
      ["orders", '<section id="orders">Orders 4</section>'],
      ["revenue", '<section id="revenue">Revenue 100</section>'],
      ["both", '<section id="both">Per order 25</section>'],
    ]);
    expect(all).toMatch(/<\/script><\/body>\n<\/html>\n*$/);
  });

  it("renders a rejected key's error state with a generic message, and logs the error", async () => {
    const { client, state, logger } = production;
    const body = await open(client, "/dashboard");
    state.revenue.reject(new Error("ledger database is down"));
    state.orders.resolve([1]);
    const all = await body.rest();
    expect(all).toContain('<template data-chirp-swap="revenue"><section id="revenue">Revenue failed: could not be loaded</section></template>');
    expect(all).toContain('<section id="orders">Orders 1</section>');
    expect(all).toContain('<template data-chirp-swap="both"><section id="both">Waiting for both…</section></template>');
    expect(logger.lines.some((line) => line.level === "error" && line.message.includes('deferred "revenue" rejected: Error: ledger database is down'))).toBe(true);
  });

  it("shows an HttpError's message, and in debug any error's message", async () => {
    let body = await open(production.client, "/dashboard");
    production.state.revenue.reject(new HttpError(503, "The ledger is being updated."));
    production.state.orders.resolve([]);
    expect(await body.rest()).toContain("Revenue failed: The ledger is being updated.");

    body = await open(debug.client, "/dashboard");
    debug.state.revenue.reject(new Error("ledger database is down"));
    debug.state.orders.resolve([]);
    expect(await body.rest()).toContain("Revenue failed: ledger database is down");
  });

  it("sends an htmx request each block as an hx-swap-oob element, with no script", async () => {
    const { client, state } = production;
    const body = await open(client, "/dashboard", { "HX-Request": "true" });
    state.revenue.resolve({ total: 9 });
    state.orders.resolve([1, 2, 3]);
    const all = await body.rest();
    expect(all).not.toContain("<script>");
    expect(all).toMatch(/<\/html>\s*<section hx-swap-oob="true" id="revenue">Revenue 9<\/section>/);
    expect(all).toContain('\n<section hx-swap-oob="true" id="orders">Orders 3</section>');
    expect(all).toContain('\n<section hx-swap-oob="true" id="both">Per order 3</section>');
  });

  it("sends a page with nothing deferred whole, and logs a streamed block without an id", async () => {
    const plain = await production.client.get("/nothing-deferred");
    expect(plain.text).toMatch(/<title>Plain<\/title>[^]*<\/body>\n<\/html>/);
    const stock = await production.client.get("/stock");
    expect(stock.text).toContain("<p>Loading stock…</p>");
    expect(stock.text).not.toContain("data-chirp-swap");
    expect(production.logger.lines.some((line) => line.message.includes('Suspense block "anonymous" of dashboard.html has no id on its root element'))).toBe(true);
  });

  it("stops when the client leaves: the request's signal fires and the server keeps serving", async () => {
    const { client, state } = production;
    const leave = new AbortController();
    const body = await open(client, "/dashboard", {}, leave.signal);
    await body.until((text) => text.includes('<section id="both">'));
    leave.abort();
    await expect.poll(() => state.signal?.aborted).toBe(true);
    state.revenue.resolve({ total: 1 });
    state.orders.resolve([1]);
    expect((await client.get("/nothing-deferred")).status).toBe(200);
  });
});
