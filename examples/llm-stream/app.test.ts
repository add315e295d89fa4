import { createParser } from "eventsource-parser";
import { afterAll, describe, expect, it } from "vitest";
import { TestClient, type ReceivedEvent } from "chirp/testing";
import { answerTokens, app, endings } from "./app.ts";

// The app runs htmx 2 unless CHIRP_HTMX=4; the same routes serve both, and only the wiring differs.
const htmx = app.config.htmx;
const PARTIAL = /^<hx-partial hx-target="#([\w-]+)"(?: hx-swap="[\w-]+")?>([\s\S]*)<\/hx-partial>$/;

/** Where an event goes, and its data: the event name and data in htmx 2; for an <hx-partial> in htmx 4, its target id and content. */
function received(event: ReceivedEvent): { name: string | undefined; data: string } {
  const [, name, data = ""] = (htmx === 4 && PARTIAL.exec(event.data)) || [];
  return name === undefined ? { name: event.event, data: event.data } : { name, data };
}

/** Asks a question and returns the answer's id and stream URL, read from the fragment that comes back. */
async function ask(client: TestClient, question: string) {
  const response = await client.post("/ask", { form: { question }, headers: { "hx-request": "true" } });
  expect(response.status).toBe(200);
  const stream = /sse(?:-|:)connect="([^"]+)"/.exec(response.text)?.[1] as string;
  return { id: Number(/\/answers\/(\d+)\//.exec(stream)?.[1]), stream, html: response.text };
}

/** Waits until `condition` holds; the machine may be busy. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe("the streaming answer", () => {
  const client = new TestClient(app);
  afterAll(() => client.close());

  it("answers a question with a fragment wired to its own stream, escaping the question", async () => {
    const { html, stream } = await ask(client, "Is <b>this</b> safe?");
    expect(stream).toMatch(/^\/answers\/\d+\/stream$/);
    expect(html).toContain("Is &lt;b&gt;this&lt;/b&gt; safe?");
    expect(html).toContain(htmx === 2 ? 'sse-close="done"' : 'hx-sse:close="done"');
    expect((await client.post("/ask", { form: { question: "  " } })).status).toBe(400);
  });

  it("streams the simulated answer token by token, then end and the close event", async () => {
    process.env.LLM_TOKEN_MS = "0";
    const { id, stream } = await ask(client, "What is SSE?");
    const events = (await client.sse(stream, { timeoutMs: 20_000 })).events.map(received);
    const tokens = answerTokens("What is SSE?");
    expect(events.map((event) => event.name)).toEqual([...tokens.map(() => `answer-${id}`), `status-${id}`, "done"]);
    expect(events.filter((event) => event.name === `answer-${id}`).map((event) => event.data).join("")).toBe(tokens.join(""));
    expect(events.at(-2)!.data).toContain(`Finished after ${tokens.length} tokens.`);
    expect(endings.get(id)).toBe("done");
    // Streamed once: a reconnect gets 204, which tells EventSource to stop.
    expect((await client.get(stream)).status).toBe(204);
  });

  it("stops on Stop: the stream ends with what was sent, and the generator's finally has run", async () => {
    process.env.LLM_TOKEN_MS = "30";
    const { id, stream } = await ask(client, "Tell me everything");
    const events: { event?: string; data: string }[] = [];
    const parser = createParser({ onEvent: (event) => events.push(event) });
    const response = await fetch(new URL(stream, await client.url()));
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let stopped = false;
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      parser.feed(chunk.value);
      if (events.length >= 3 && !stopped) {
        stopped = true;
        expect((await client.post(`/answers/${id}/stop`)).status).toBe(204);
      }
    }
    expect(events.at(-1)!.event).toBe("done");
    expect(events.at(-2)!.data).toMatch(/Stopped after \d+ tokens\./);
    expect(events.length - 2).toBeGreaterThanOrEqual(3);
    expect(events.length - 2).toBeLessThan(answerTokens("Tell me everything").length);
    expect(endings.get(id)).toBe("stopped");
  });

  it("runs the generator's finally when the reader leaves", async () => {
    process.env.LLM_TOKEN_MS = "5";
    const { id, stream } = await ask(client, "Short one");
    await client.sse(stream, { maxEvents: 3 });
    await until(() => endings.has(id));
    expect(endings.get(id)).toBe("left");
  });
});
