import { afterAll, describe, expect, it } from "vitest";
import { TestClient } from "chirp/testing";
import { app } from "./app.ts";

const room = app.channel("room");
/** Tabs subscribed to the room, besides the app's own subscription, which keeps its messages and presence. */
const tabs = () => room.subscribers - 1;

/** Waits until `condition` holds (the streams have subscribed); the machine may be busy. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe("the chat room", () => {
  const client = new TestClient(app);
  afterAll(() => client.close());

  it("gives each tab a name and a stream that resumes after the messages it shows", async () => {
    const page = await client.get("/");
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/sse-connect="\/events\?name=Guest%20\d+"/);
    expect(page.text).toContain("No messages yet.");
  });

  it("broadcasts a posted message to every tab, and the presence list on join and leave", async () => {
    const ada = client.sse("/events?name=Ada", { maxEvents: 3 });
    await until(() => tabs() === 1);
    const bob = client.sse("/events?name=Bob", { maxEvents: 2 });
    await until(() => tabs() === 2);
    expect((await client.post("/messages", { form: { name: "Bob", text: "Hi <Ada>" } })).status).toBe(204);
    const [forAda, forBob] = await Promise.all([ada, bob]);
    expect(forAda.events.map((event) => event.event)).toEqual(["presence", "presence", "message"]);
    expect(forAda.events[0]!.data).toBe("<ul><li>Ada</li></ul>");
    expect(forAda.events[1]!.data).toBe("<ul><li>Ada</li><li>Bob</li></ul>");
    expect(forBob.events.map((event) => event.event)).toEqual(["presence", "message"]);
    expect(forAda.events[2]!.data).toBe("<li><b>Bob</b>Hi &lt;Ada&gt;</li>");
    expect(forBob.events[1]).toEqual(forAda.events[2]);

    // Ada and Bob have gone: the next tab to join sees only itself.
    await until(() => tabs() === 0);
    const carol = await client.sse("/events?name=Carol", { maxEvents: 1 });
    expect(carol.events[0]!.data).toBe("<ul><li>Carol</li></ul>");
  });

  it("shows a newcomer the last 50 messages and refuses empty or long ones", async () => {
    for (let n = 1; n <= 55; n += 1) await client.post("/messages", { form: { name: "Ada", text: `message ${n}` } });
    const page = (await client.get("/")).text;
    expect(page).toMatch(/&lastEventId=\d+"/);
    const shown = [...page.matchAll(/<b>Ada<\/b>message (\d+)/g)].map((match) => Number(match[1]));
    expect(shown).toEqual(Array.from({ length: 50 }, (_, n) => n + 6));
    expect((await client.post("/messages", { form: { name: "Ada", text: "  " } })).status).toBe(400);
    expect((await client.post("/messages", { form: { name: "Ada", text: "x".repeat(501) } })).status).toBe(400);
  });

  it("replays what a reconnecting tab missed, after the Last-Event-ID it sends", async () => {
    const before = /lastEventId=(\d+)"/.exec((await client.get("/")).text)![1]!;
    await client.post("/messages", { form: { name: "Ada", text: "while you were away" } });
    const back = await client.sse("/events?name=Bob", { maxEvents: 2, headers: { "last-event-id": before } });
    expect(back.events.map((event) => event.event)).toEqual(["message", "presence"]);
    expect(back.events[0]!.data).toContain("while you were away");
  });
});
