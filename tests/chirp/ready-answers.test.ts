import { createHook } from "node:async_hooks";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { App, AppConfig, Fragment, Reply, Template, silentLogger } from "chirp";

/**
 * A guard on the cost of a request, not a timing: a handler whose value is ready
 * is answered before the app's request listener returns, and making that answer
 * creates no promise. Promises are counted with an async hook while the listener runs.
 */
let promises = 0;
const promiseCounter = createHook({
  init(_id, type) {
    if (type === "PROMISE") promises++;
  },
});

/** What the app's listener had done by the time it returned, for one request. */
interface Observed {
  endedAtOnce: boolean;
  promises: number;
}

const app = new App({ config: new AppConfig({ templateDir: new URL("./fixtures/templates/", import.meta.url), logger: silentLogger }) });
app.route("/text", () => "<p>ready</p>");
app.route("/json", () => ({ ready: true }));
app.route("/template", () => new Template("page.html", { name: "Ada", role: "admin" }));
app.route("/fragment", () => new Fragment("list.html", "row", { id: 1, label: "one" }));
app.route("/reply", () => new Reply("<p>made</p>", { status: 201, headers: { "x-made": "yes" } }));
app.route("/large", () => `<p>${"a page of more than a kilobyte ".repeat(60)}</p>`);
app.route("/later", async () => "<p>later</p>");

const observed = new Map<string, Observed>();
const server = http.createServer((request, response) => {
  promises = 0;
  promiseCounter.enable();
  try {
    app.handler(request, response);
  } finally {
    promiseCounter.disable();
  }
  observed.set(request.url!, { endedAtOnce: response.writableEnded, promises });
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
afterAll(() => new Promise((resolve) => server.close(resolve)));

async function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string; seen: Observed }> {
  const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`, { headers });
  return { status: response.status, text: await response.text(), seen: observed.get(path)! };
}

describe("a ready value", () => {
  // fetch asks for gzip unless told otherwise; a body sent as it is needs no waiting.
  it.each(["/text", "/json", "/template", "/fragment", "/reply", "/large"])("%s is answered before the listener returns, with no promise made", async (path) => {
    const { status, seen } = await get(path, { "accept-encoding": "identity" });
    expect(status).toBe(path === "/reply" ? 201 : 200);
    expect(seen).toEqual({ endedAtOnce: true, promises: 0 });
  });

  it("still answers with the same bytes and headers", async () => {
    expect((await get("/text")).text).toBe("<p>ready</p>");
    expect(JSON.parse((await get("/json")).text)).toEqual({ ready: true });
    expect((await get("/template")).text).toContain("<p>Hello, Ada!");
    expect((await get("/fragment")).text).toBe('<li id="row-1">one</li>');
  });
});

describe("what has to wait", () => {
  it("a handler's promise is answered later (the guard can tell)", async () => {
    const { text, seen } = await get("/later");
    expect(text).toBe("<p>later</p>");
    expect(seen.endedAtOnce).toBe(false);
    expect(seen.promises).toBeGreaterThan(0);
  });

  it("a body to compress is answered once it is compressed", async () => {
    const { status, seen } = await get("/large", { "accept-encoding": "gzip" });
    expect(status).toBe(200);
    expect(seen.endedAtOnce).toBe(false);
  });
});

describe("what a request costs the server around the handler", () => {
  it("a served app's request listener is the only one, so Node makes no listener array per request", async () => {
    const served = await new App({ config: new AppConfig({ logger: silentLogger }) }).listen({ port: 0 });
    try {
      expect(served.server.listenerCount("request")).toBe(1);
    } finally {
      await served.close();
    }
  });
});
