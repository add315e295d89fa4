import { EventSource } from "eventsource";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { App, AppConfig, EventStream, Fragment, type AppChannel, type Listening } from "chirp";
import { redisChannels, type RedisChannels } from "chirp/redis";
import { recordingLogger } from "../support/recording-logger.ts";
import { RedisServer } from "../support/redis-server.ts";
import { ReplyLosingProxy } from "../support/reply-losing-proxy.ts";
import { waitFor } from "../support/wait-for.ts";

/**
 * Channels over a real redis-server: two apps with their own connections stand for
 * two processes; their readers talk HTTP to them with a spec-following EventSource.
 */
const templateDir = new URL("./fixtures/templates", import.meta.url);
let redis: RedisServer;
const open: { close(): unknown }[] = [];
beforeAll(async () => {
  redis = await RedisServer.start();
});
afterAll(async () => redis.stop());
afterEach(async () => {
  for (const one of open.splice(0).reverse()) await one.close();
});

interface Seen {
  type: string;
  data: string;
  id: string;
}

/** A process's app on the Redis at `url`: `room` (history 100) streamed at /events, its renders counted. */
async function processApp(prefix: string, url = redis.url) {
  const logger = recordingLogger();
  const channels: RedisChannels = redisChannels({ url, prefix, logger });
  open.push(channels);
  const app = new App({ config: new AppConfig({ templateDir, channels, logger }) });
  let renders = 0;
  app.templates.environment.addGlobal("countRender", () => {
    renders += 1;
    return "";
  });
  const room: AppChannel = app.channel("room", { history: 100 });
  app.route("/events", { referenced: true }, (req) => new EventStream(room.subscribe(req), { retry: 20 }));
  const server: Listening = await app.listen({ port: 0 });
  open.push(server);
  return { room, server, channels, logger, renders: () => renders };
}

function watch(url: string, lastEventId?: string): Seen[] {
  const source = new EventSource(url, lastEventId ? { fetch: (input, init) => fetch(input, { ...init, headers: { ...init?.headers, "last-event-id": lastEventId } }) } : {});
  const seen: Seen[] = [];
  for (const type of ["message", "reset", "tick"]) {
    source.addEventListener(type, (event) => seen.push({ type, data: (event as MessageEvent).data, id: (event as MessageEvent).lastEventId }));
  }
  open.push(source);
  return seen;
}

describe("redisChannels", () => {
  it("delivers what one process publishes to the subscribers of every process, in order, with the same stream ids", async () => {
    const prefix = `order-${Date.now()}:`;
    const one = await processApp(prefix);
    const two = await processApp(prefix);
    const readers = [watch(`${one.server.url}events`), watch(`${two.server.url}events`), watch(`${two.server.url}events`)];
    await waitFor(() => one.room.subscribers === 1 && two.room.subscribers === 2, "three readers");
    const ids: (string | undefined)[] = [];
    for (let n = 0; n < 20; n += 1) ids.push(await (n % 2 ? one : two).room.publish(`m${n}`));
    await waitFor(() => readers.every((seen) => seen.length === 20), "twenty events at every reader");
    for (const seen of readers) expect(seen.map((event) => [event.data, event.id])).toEqual(ids.map((id, n) => [`m${n}`, id]));
    expect(new Set(ids).size).toBe(20);
    expect(ids.every((id) => /^\d+-\d+$/.test(id ?? ""))).toBe(true);
  });

  it("renders a published Fragment once per process, however many subscribers it has", async () => {
    const prefix = `render-${Date.now()}:`;
    const one = await processApp(prefix);
    const two = await processApp(prefix);
    const readers = [1, 2, 3].flatMap(() => [watch(`${one.server.url}events`), watch(`${two.server.url}events`)]);
    await waitFor(() => one.room.subscribers === 3 && two.room.subscribers === 3, "six readers");
    await one.room.publish(new Fragment("tick.html", "tick", { n: 7 }));
    await waitFor(() => readers.every((seen) => seen.length === 1), "the fragment at every reader");
    expect(readers.map((seen) => seen[0]?.data)).toEqual(Array(6).fill("<b>7</b>"));
    expect([one.renders(), two.renders()]).toEqual([1, 1]);
  });

  it("resumes a reader on another process with exactly what it missed; an id not in the history gets reset", async () => {
    const prefix = `resume-${Date.now()}:`;
    const one = await processApp(prefix);
    const two = await processApp(prefix);
    const first = watch(`${one.server.url}events`);
    await waitFor(() => one.room.subscribers === 1, "the reader");
    await one.room.publish("a");
    const seenB = await one.room.publish("b");
    await waitFor(() => first.length === 2, "a and b");
    await one.room.publish("c");
    await one.room.publish("d");
    const resumed = watch(`${two.server.url}events`, seenB);
    await waitFor(() => resumed.length === 2, "c and d replayed on the other process");
    await two.room.publish("e");
    await waitFor(() => resumed.length === 3, "e live");
    expect(resumed.map((event) => event.data)).toEqual(["c", "d", "e"]);
    const stranger = watch(`${two.server.url}events`, "123-0");
    await waitFor(() => stranger.length === 1, "the reset");
    expect(stranger[0]).toMatchObject({ type: "reset", data: 'Last-Event-ID "123-0" is not in this channel\'s history' });
  });

  it("resets a reader that missed more than the history, though the stream keeps more, as in memory", async () => {
    const prefix = `history-${Date.now()}:`;
    const one = await processApp(prefix);
    const two = await processApp(prefix);
    const seenA = await one.room.publish("a");
    for (let n = 0; n < 100; n += 1) await one.room.publish(`b${n}`);
    const within = watch(`${two.server.url}events`, seenA);
    await waitFor(() => within.length === 100, "the hundred missed events");
    expect(within.at(-1)?.data).toBe("b99");
    await one.room.publish("c");
    await waitFor(() => within.length === 101, "c live");
    const beyond = watch(`${two.server.url}events`, seenA);
    await waitFor(() => beyond.length === 1, "the reset");
    expect(beyond[0]).toMatchObject({ type: "reset", data: `Last-Event-ID ${JSON.stringify(seenA)} is not in this channel's history` });
  });

  it("survives a Redis restart: readers stay, publishes wait in a bounded buffer and arrive in order when Redis is back", async () => {
    const prefix = `restart-${Date.now()}:`;
    const one = await processApp(prefix);
    const two = await processApp(prefix);
    const seen = watch(`${two.server.url}events`);
    await waitFor(() => two.room.subscribers === 1, "the reader");
    await one.room.publish("before");
    await waitFor(() => seen.length === 1, "before");
    await redis.pause();
    await waitFor(() => one.logger.lines.some((line) => /connection to .* lost/.test(line.message)), "the lost connection reported");
    const waiting = [one.room.publish("during 1"), one.room.publish("during 2")];
    expect(one.channels.pending).toBe(2);
    await redis.resume();
    await Promise.all(waiting);
    await one.room.publish("after");
    await waitFor(() => seen.length === 4, "the waiting publishes and a new one");
    expect(seen.map((event) => event.data)).toEqual(["before", "during 1", "during 2", "after"]);
  });

  it("publishes an event once when its reply is lost with the connection and ioredis sends it again", async () => {
    const prefix = `resend-${Date.now()}:`;
    const proxy = await ReplyLosingProxy.start(redis.port);
    open.push(proxy);
    const one = await processApp(prefix, `redis://127.0.0.1:${proxy.port}`);
    const two = await processApp(prefix);
    const seen = watch(`${two.server.url}events`);
    await waitFor(() => two.room.subscribers === 1, "the reader");
    await one.room.publish("before");
    proxy.loseReplyTo(/xadd|evalsha/i);
    const ids = await Promise.all([one.room.publish("once 1"), one.room.publish("once 2")]); // both in flight when the reply is lost
    expect(proxy.lost).toBe(1);
    await one.room.publish("after");
    await waitFor(() => seen.some((event) => event.data === "after"), "the event after the lost reply");
    expect(seen.map((event) => event.data)).toEqual(["before", "once 1", "once 2", "after"]);
    expect(seen.slice(1, 3).map((event) => event.id)).toEqual(ids);
  });

  it("refuses a publish with a clear error when maxPending publishes already wait, and values that are not JSON", async () => {
    const logger = recordingLogger();
    const channels = redisChannels({ url: "redis://127.0.0.1:1", maxPending: 2, logger });
    open.push(channels);
    const app = new App({ config: new AppConfig({ templateDir, channels, logger }) });
    const room = app.channel("room");
    void room.publish("one");
    void room.publish("two");
    expect(() => room.publish("three")).toThrow("redisChannels: 2 publishes already wait for Redis at redis://127.0.0.1:1 (maxPending 2); is it down?");
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => room.publish(cycle)).toThrow(/a published value must be JSON to cross processes/);
    expect(() => redisChannels({ url: "localhost:6379" })).toThrow('redisChannels: url must be a redis:// or rediss:// URL, got "localhost:6379"');
    expect(() => app.channel("ids", { firstId: 5 })).toThrow('redisChannels: channel "ids" cannot take firstId: Redis gives the ids');
  });
});
