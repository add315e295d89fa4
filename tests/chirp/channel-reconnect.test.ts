import { EventSource } from "eventsource";
import { afterEach, expect, it } from "vitest";
import { App, AppConfig, Channel, EventStream, memoryChannels, type ChannelBackend, type ChannelOptions, type Listening } from "chirp";
import { waitFor } from "../support/wait-for.ts";

/**
 * What a spec-following EventSource client does at each way a channel stream ends:
 * the close event, a 204, a stream that ends (it reconnects with Last-Event-ID), a restart.
 */
const templateDir = new URL("./fixtures/templates", import.meta.url);
const open: { close(): unknown }[] = [];
afterEach(async () => {
  for (const one of open.splice(0)) await one.close();
});

interface Seen {
  type: string;
  data: string;
  id: string;
}

function watch(url: string): { source: EventSource; seen: Seen[]; errors: number[] } {
  const source = new EventSource(url);
  const seen: Seen[] = [];
  const errors: number[] = [];
  for (const type of ["message", "reset", "close"]) {
    source.addEventListener(type, (event) => seen.push({ type, data: (event as MessageEvent).data, id: (event as MessageEvent).lastEventId }));
  }
  source.onerror = () => errors.push(source.readyState);
  open.push(source);
  return { source, seen, errors };
}

/** An app streaming `channel` at /events (retry 20 ms: reconnects come quickly) and stopping with 204 at /stop. */
function channelApp(channel: Channel): App {
  const app = new App({ config: new AppConfig({ templateDir, sseCloseEvent: "close" }) });
  app.route("/events", { referenced: true }, (req) => new EventStream(channel.subscribe(req), { retry: 20 }));
  app.route("/stop", { referenced: true }, () => null); // 204 No Content: EventSource stops for good
  return app;
}

async function listen(app: App, port = 0): Promise<Listening> {
  const listening = await app.listen({ port });
  open.push(listening);
  return listening;
}

it("stops for good on a 204: EventSource does not reconnect", async () => {
  const server = await listen(channelApp(new Channel()));
  expect((await fetch(`${server.url}stop`)).status).toBe(204);
  const { source, errors } = watch(`${server.url}stop`);
  await waitFor(() => errors.length > 0, "the error event");
  expect(source.readyState).toBe(EventSource.CLOSED);
});

it("reconnects when a stream ends without the close event, sending Last-Event-ID, and gets exactly what it missed", async () => {
  const channel = new Channel({ history: 50 });
  let drop = new AbortController();
  const app = new App({ config: new AppConfig({ templateDir, sseCloseEvent: "close" }) });
  const lastIds: (string | undefined)[] = [];
  app.route("/events", { referenced: true }, (req) => {
    lastIds.push(req.lastEventId);
    return new EventStream(channel.subscribe(req, { signal: drop.signal }), { retry: 20 });
  });
  const server = await listen(app);
  const { seen, source } = watch(`${server.url}events`);
  await waitFor(() => channel.subscribers === 1, "the first connection");
  channel.publish("a");
  channel.publish("b");
  await waitFor(() => seen.length === 2, "a and b");
  drop.abort();
  drop = new AbortController();
  channel.publish("c"); // while the client is away
  await waitFor(() => seen.length === 3, "c, replayed after the reconnect", 10_000);
  channel.publish("d");
  await waitFor(() => seen.length === 4, "d, live");
  expect(seen.map((event) => [event.data, event.id])).toEqual([["a", "1"], ["b", "2"], ["c", "3"], ["d", "4"]]);
  expect(lastIds).toEqual([undefined, "2"]);
  expect(source.readyState).toBe(EventSource.OPEN);
});

it("stops reconnecting after the close event, as htmx does with sse-close", async () => {
  const channel = new Channel();
  const app = new App({ config: new AppConfig({ templateDir, sseCloseEvent: "close" }) });
  app.route("/events", { referenced: true }, () => new EventStream(["only"]));
  const server = await listen(app);
  const { seen, source } = watch(`${server.url}events`);
  await waitFor(() => seen.some((event) => event.type === "close"), "the close event");
  source.close(); // what sse-close does on the close event
  expect(seen.map((event) => event.type)).toEqual(["message", "close"]);
  expect(channel.subscribers).toBe(0);
});

it("comes back after a server restart with Last-Event-ID: the same channel replays, a new process's channel answers reset", async () => {
  const channel = new Channel({ history: 50 });
  let server = await listen(channelApp(channel));
  const port = server.port;
  const { seen } = watch(`${server.url}events`);
  await waitFor(() => channel.subscribers === 1, "the connection");
  channel.publish("before");
  await waitFor(() => seen.length === 1, "the first event");

  // The listener restarts; the channel (as with a shared backend) keeps its history.
  await server.close();
  channel.publish("while down");
  server = await listen(channelApp(channel), port);
  await waitFor(() => seen.length === 2, "the replay after the restart", 15_000);
  expect(seen[1]).toEqual({ type: "message", data: "while down", id: "2" });

  // A new process: an in-memory channel starts empty, with ids above the old ones.
  await server.close();
  const fresh = new Channel({ history: 50, firstId: 1_000 });
  fresh.publish("new run");
  server = await listen(channelApp(fresh), port);
  await waitFor(() => seen.length === 3, "the reset after the second restart", 15_000);
  expect(seen[2]).toMatchObject({ type: "reset", id: "1000" });
  fresh.publish("live");
  await waitFor(() => seen.length === 4, "live events after the reset");
  expect(seen[3]).toEqual({ type: "message", data: "live", id: "1001" });
});

it("gives the same channel for the same name from app.channel, and refuses other options for it", () => {
  const app = new App({ config: new AppConfig({ templateDir }) });
  const room = app.channel("room", { history: 10 });
  expect(app.channel("room")).toBe(room);
  expect(app.channel("room", { history: 10 })).toBe(room);
  expect(app.channel("other")).not.toBe(room);
  expect(() => app.channel("room", { history: 20 })).toThrow('channel "room" already exists with history 10, not 20');
});

it("opens app.channel on the backend AppConfig channels names, once per name; new Channel stays in this process", () => {
  const opened: [string, ChannelOptions][] = [];
  const channels: ChannelBackend = {
    open(name, options) {
      opened.push([name, options]);
      return memoryChannels.open(name, options);
    },
  };
  const app = new App({ config: new AppConfig({ templateDir, channels }) });
  const room = app.channel("room", { history: 5 });
  expect(app.channel("room")).toBe(room);
  expect(room).toBeInstanceOf(Channel);
  expect(opened).toEqual([["room", { history: 5 }]]);
  expect(new App({ config: new AppConfig({ templateDir }) }).config.channels).toBe(memoryChannels);
});
