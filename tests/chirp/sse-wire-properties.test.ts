import { createParser, type EventSourceMessage } from "eventsource-parser";
import fc from "fast-check";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { App, encodeEvent, EventStream, SSEEvent } from "chirp";
import { TestClient } from "chirp/testing";
import { launchChromium } from "../support/browser.ts";

/** Every event `wire` dispatches, as eventsource-parser (a WHATWG-conformant parser) reads them. */
function parse(wire: string): EventSourceMessage[] {
  const events: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (event) => events.push(event) });
  parser.feed(wire);
  return events;
}

/** What a client receives for `data`: the wire format has one line break, so CRLF and CR arrive as LF. */
const received = (data: string) => data.replace(/\r\n|\r/g, "\n");

/** `text` after a trip through UTF-8 bytes, as on the wire: a lone surrogate becomes U+FFFD. */
const overUtf8 = (text: string) => Buffer.from(text, "utf8").toString("utf8");

/** Strings heavy in what breaks encoders: line breaks of every kind, NUL, lone surrogates, astral characters, spaces. */
const awkward = fc.string({ unit: fc.constantFrom("\r", "\n", "\r\n", "\0", " ", ":", "x", "é", "\uD800", "\uDFFF", "😀", "data: ", "\uFEFF") });
const anyData = fc.oneof(fc.string({ unit: "binary" }), awkward);
/** Field values without CR, LF or NUL: the ones `event` and `id` accept. */
const fieldValue = fc.string({ unit: "binary", minLength: 1 }).filter((value) => !/[\r\n\0]/.test(value));

describe("the SSE wire format, by property", () => {
  it("any data string encodes to one event whose data eventsource-parser decodes back", () => {
    fc.assert(
      fc.property(anyData, (data) => {
        const events = parse(encodeEvent(new SSEEvent({ data })));
        expect(events).toHaveLength(1);
        expect(events[0]!.data).toBe(received(data));
      }),
      { numRuns: 2_000 },
    );
  });

  it("a line of a megabyte, among others, round-trips too", () => {
    fc.assert(
      fc.property(awkward, fc.constantFrom("\n", "\r\n", "\r"), (around, lineBreak) => {
        const data = `${around}${lineBreak}${"m".repeat(1 << 20)}${lineBreak}${around}`;
        expect(parse(encodeEvent(new SSEEvent({ data })))[0]!.data).toBe(received(data));
      }),
      { numRuns: 5 },
    );
  });

  it("any event name and id without CR, LF or NUL round-trips with its data", () => {
    fc.assert(
      fc.property(fieldValue, fieldValue, anyData, (event, id, data) => {
        const [decoded] = parse(encodeEvent(new SSEEvent({ data, event, id })));
        expect(decoded).toEqual({ event, id, data: received(data) });
      }),
      { numRuns: 1_000 },
    );
  });

  it("an event name or id with CR, LF or NUL anywhere is refused when the event is built", () => {
    const withForbidden = fc.tuple(fc.string({ unit: "binary" }), fc.constantFrom("\r", "\n", "\0"), fc.string({ unit: "binary" })).map((parts) => parts.join(""));
    fc.assert(
      fc.property(fc.constantFrom("event" as const, "id" as const), withForbidden, (field, value) => {
        expect(() => new SSEEvent({ data: "x", [field]: value })).toThrow(new RegExp(`SSEEvent ${field} must not contain`));
      }),
      { numRuns: 1_000 },
    );
  });
});

describe("a sample through Chromium's own EventSource", () => {
  let browser: Browser;
  const sample = fc.sample(fc.tuple(anyData, fc.option(fieldValue, { nil: undefined })), { numRuns: 60, seed: 14 });
  const app = new App();
  app.route("/", () => `<!doctype html><title>EventSource</title><script>
    const got = (window.got = []);
    const source = new EventSource("/events");
    source.onmessage = (event) => got.push({ event: "message", data: event.data, id: event.lastEventId });
    ${sample.map((_, index) => `source.addEventListener("e${index}", (event) => got.push({ event: event.type, data: event.data, id: event.lastEventId }));`).join("\n")}
  </script>`);
  app.route("/events", { referenced: true }, () =>
    new EventStream(
      (async function* () {
        for (const [index, [data, id]] of sample.entries()) yield new SSEEvent({ data, id, event: index % 2 ? `e${index}` : undefined });
        await new Promise(() => {});
      })(),
    ),
  );
  const client = new TestClient(app);
  beforeAll(async () => (browser = await launchChromium()));
  afterAll(async () => {
    await browser?.close();
    await client.close();
  });

  it("decodes each event as sent (UTF-8 turns a lone surrogate into U+FFFD)", async () => {
    const page = await browser.newPage();
    await page.goto(await client.url());
    await expect.poll(() => page.evaluate(() => (window as unknown as { got: unknown[] }).got.length)).toBe(sample.length);
    let lastId = "";
    const expected = sample.map(([data, id], index) => {
      if (id !== undefined) lastId = overUtf8(id);
      return { event: index % 2 ? `e${index}` : "message", data: overUtf8(received(data)), id: lastId };
    });
    expect(await page.evaluate(() => (window as unknown as { got: unknown[] }).got)).toEqual(expected);
    await page.close();
  });
});
