/**
 * One benchmark server, started as its own process: `node --import tsx bench/target.ts <name>`.
 * Prints its URL on the first line of standard output. Every target answers
 * `/` with the same small HTML page and `/sse?n=N` with N events `data: tick <i>`;
 * chirp and node:http also render `/page` from bench/templates/bench.html, and flood
 * `/events?n=N` with N events of about 100 bytes (`event`, `id`, `data`); chirp floods
 * `/fragments?n=N` with N `Fragment`s of a one-line block, and node:http writes the same
 * bytes with a string template, as its reference. `/latency?n=N&every=MS` sends N events,
 * one every MS milliseconds, each carrying the sender's clock (`performance.timeOrigin +
 * performance.now()`) so the client can tell how long it took to arrive. chirp (a
 * `Channel`), node:http (a set of responses, one encoded text written to each) and
 * better-sse (its channel) hold `/fanout` streams open, broadcast one event carrying
 * the sender's clock to all of them on `/broadcast`, and say on `/subscribers` how
 * many streams are subscribed. `/idle` holds a stream open with nothing but
 * heartbeats (every 15 s, chirp's default). `chirp-channel` holds `/fanout` streams on
 * `app.channel()`, through the Redis at CHIRP_REDIS_URL when set. The `docs`
 * target is the docs server as `npm start` builds it.
 */
import http from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import type { AddressInfo } from "node:net";
import { App, AppConfig, Channel, DEFAULT_HEARTBEAT_MS, EventStream, Fragment, SSEEvent, silentLogger, Template } from "chirp";
import { redisChannels } from "chirp/redis";

export const PAGE = "<!doctype html><html><body><h1>Hello</h1><p>A small page.</p></body></html>";
const ITEMS = Array.from({ length: 20 }, (_, id) => ({ id, name: `Item ${id}` }));
const TEMPLATES = new URL("./templates", import.meta.url);

/** The data of every flood event: with `event: tick` and `id: <i>` lines, about 100 bytes on the wire. */
export const FLOOD_DATA = "x".repeat(70);
/** The text of every flood fragment: the rendered `<li>` is about as long as FLOOD_DATA. */
const FRAGMENT_TEXT = "y".repeat(40);

function count(url: string | undefined): number {
  return Number(new URL(url ?? "/", "http://x").searchParams.get("n") ?? 1000);
}

/** The sender's clock in milliseconds, comparable between processes of one machine. */
const clock = () => String(performance.timeOrigin + performance.now());

function latencyParams(url: string | undefined): { n: number; every: number } {
  const params = new URL(url ?? "/", "http://x").searchParams;
  return { n: Number(params.get("n") ?? 50), every: Number(params.get("every") ?? 20) };
}

async function* ticks(n: number) {
  for (let i = 0; i < n; i++) yield `tick ${i}`;
}

function nodeListen(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)));
}

// Each target imports the libraries it alone uses, so no target starts slower for another's.
const targets: Record<string, () => Promise<string>> = {
  async "node:http"() {
    const { default: nunjucks } = await import("nunjucks");
    const templates = new nunjucks.Environment(new nunjucks.FileSystemLoader(TEMPLATES.pathname), { autoescape: true });
    const listeners = new Set<http.ServerResponse>();
    return nodeListen(async (req, res) => {
      if (req.url === "/page") {
        const html = templates.render("bench.html", { title: "Items", items: ITEMS });
        res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": Buffer.byteLength(html) }).end(html);
        return;
      }
      if (req.url?.startsWith("/events") || req.url?.startsWith("/fragments")) {
        const frame = req.url.startsWith("/events")
          ? (i: number) => `event: tick\nid: ${i}\ndata: ${FLOOD_DATA}\n\n`
          : (i: number) => `event: tick\ndata: <li id="row-${i}" class="row">${FRAGMENT_TEXT}</li>\n\n`;
        res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
        for (let i = 0, n = count(req.url); i < n; i++) {
          if (!res.write(frame(i))) await new Promise((resolve) => res.once("drain", resolve));
        }
        res.end();
        return;
      }
      if (req.url === "/idle") {
        res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
        res.flushHeaders();
        const heartbeat = setInterval(() => res.write(": heartbeat\n\n"), DEFAULT_HEARTBEAT_MS);
        res.on("close", () => clearInterval(heartbeat));
        return;
      }
      if (req.url === "/fanout") {
        res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
        res.flushHeaders();
        listeners.add(res);
        res.on("close", () => listeners.delete(res));
        return;
      }
      if (req.url === "/broadcast") {
        const text = `event: tick\ndata: ${clock()}\n\n`;
        for (const listener of listeners) listener.write(text);
        res.writeHead(200, { "content-type": "text/plain" }).end("sent");
        return;
      }
      if (req.url === "/subscribers") {
        res.writeHead(200, { "content-type": "text/plain" }).end(String(listeners.size));
        return;
      }
      if (req.url?.startsWith("/latency")) {
        const { n, every } = latencyParams(req.url);
        res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
        res.flushHeaders();
        for (let i = 0; i < n; i++) {
          await sleep(every);
          res.write(`data: ${clock()}\n\n`);
        }
        res.end();
        return;
      }
      if (!req.url?.startsWith("/sse")) {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": Buffer.byteLength(PAGE) }).end(PAGE);
        return;
      }
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      for await (const tick of ticks(count(req.url))) {
        if (!res.write(`data: ${tick}\n\n`)) await new Promise((resolve) => res.once("drain", resolve));
      }
      res.end();
    });
  },
  async chirp() {
    const app = new App({ config: new AppConfig({ templateDir: TEMPLATES, logger: silentLogger }) });
    app.route("/", () => PAGE);
    app.route("/page", () => new Template("bench.html", { title: "Items", items: ITEMS }));
    app.route("/sse", (req) => new EventStream(ticks(count(req.raw.url))));
    app.route("/events", (req) => new EventStream((async function* (n: number) {
      for (let i = 0; i < n; i++) yield new SSEEvent({ event: "tick", id: String(i), data: FLOOD_DATA });
    })(count(req.raw.url))));
    app.route("/fragments", (req) => new EventStream((async function* (n: number) {
      for (let i = 0; i < n; i++) yield new Fragment("events.html", "row", { id: i, text: FRAGMENT_TEXT }, { target: "tick" });
    })(count(req.raw.url))));
    app.route("/idle", (req) => new EventStream((async function* () {
      await new Promise((resolve) => req.signal.addEventListener("abort", resolve));
    })()));
    const room = new Channel();
    app.route("/fanout", (req) => new EventStream(room.subscribe(req), { heartbeatMs: 0 }));
    app.route("/broadcast", () => {
      room.publish(new SSEEvent({ event: "tick", data: clock() }));
      return "sent";
    });
    app.route("/subscribers", () => String(room.subscribers));
    app.route("/latency", (req) => new EventStream((async function* ({ n, every }: { n: number; every: number }) {
      for (let i = 0; i < n; i++) {
        await sleep(every);
        yield clock();
      }
    })(latencyParams(req.raw.url))));
    return (await app.listen({ port: 0 })).url;
  },
  /** chirp's `/fanout`, `/broadcast` and `/subscribers` on `app.channel()`: through the Redis at CHIRP_REDIS_URL when set. */
  async "chirp-channel"() {
    const url = process.env.CHIRP_REDIS_URL;
    const app = new App({ config: new AppConfig({ logger: silentLogger, channels: url ? redisChannels({ url }) : undefined }) });
    const room = app.channel("fanout");
    app.route("/fanout", (req) => new EventStream(room.subscribe(req), { heartbeatMs: 0 }));
    app.route("/broadcast", async () => {
      await room.publish(new SSEEvent({ event: "tick", data: clock() }));
      return "sent";
    });
    app.route("/subscribers", () => String(room.subscribers));
    return (await app.listen({ port: 0 })).url;
  },
  async docs() {
    const { createServer } = await import("../server/main.ts");
    return (await (await createServer()).app.listen({ port: 0 })).url;
  },
  async express() {
    const { default: express } = await import("express");
    const app = express();
    app.get("/", (_req, res) => void res.type("html").send(PAGE));
    return nodeListen(app);
  },
  async hono() {
    const [{ Hono }, { serve }] = await Promise.all([import("hono"), import("@hono/node-server")]);
    const app = new Hono();
    app.get("/", (c) => c.html(PAGE));
    return new Promise((resolve) => serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => resolve(`http://127.0.0.1:${info.port}/`)));
  },
  async "better-sse"() {
    const { createChannel, createSession } = await import("better-sse");
    const channel = createChannel();
    return nodeListen(async (req, res) => {
      if (req.url === "/broadcast") {
        channel.broadcast(clock(), "tick");
        res.writeHead(200, { "content-type": "text/plain" }).end("sent");
        return;
      }
      if (req.url === "/subscribers") {
        res.writeHead(200, { "content-type": "text/plain" }).end(String(channel.sessionCount));
        return;
      }
      const session = await createSession(req, res, { keepAlive: req.url === "/idle" ? DEFAULT_HEARTBEAT_MS : null, retry: null });
      if (req.url === "/idle") return;
      if (req.url === "/fanout") {
        channel.register(session);
        return;
      }
      await session.iterate(ticks(count(req.url)));
      res.end();
    });
  },
};

const name = process.argv[2] ?? "";
const start = targets[name];
if (!start) {
  console.error(`unknown target ${JSON.stringify(name)}; targets: ${Object.keys(targets).join(", ")}`);
  process.exit(2);
}
console.log(await start());
// A normal exit on SIGTERM, so that `node --cpu-prof` writes its profile.
process.on("SIGTERM", () => process.exit(0));
