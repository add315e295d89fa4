import { describe, expect, it } from "vitest";
import { encodeComment, encodeEvent, EventStream, SSEEvent } from "chirp";

describe("SSEEvent", () => {
  it.each([
    ["event", "a\nb", "LF"],
    ["event", "a\rb", "CR"],
    ["event", "a\0b", "NUL"],
    ["id", "1\n2", "LF"],
    ["id", "1\r", "CR"],
    ["id", "\0", "NUL"],
  ] as const)("refuses %s %j naming %s", (field, value, named) => {
    expect(() => new SSEEvent({ data: "x", [field]: value })).toThrow(new RegExp(`${field} must not contain ${named}`));
  });

  it("refuses a bad event name or id that follows events of a good name", () => {
    for (let i = 0; i < 3; i++) expect(new SSEEvent({ data: "x", event: "tick", id: "tick" }).event).toBe("tick");
    expect(() => new SSEEvent({ data: "x", event: "tick\n" })).toThrow(/event must not contain LF/);
    expect(() => new SSEEvent({ data: "x", event: "tick", id: "tick\0" })).toThrow(/id must not contain NUL/);
    expect(() => new SSEEvent({ data: "x", event: 7 as unknown as string })).toThrow(/event must be a string, got number/);
  });

  it.each([-1, 1.5, Number.NaN, Infinity])("refuses retry %s", (retry) => {
    expect(() => new SSEEvent({ data: "x", retry })).toThrow(/retry must be a non-negative integer/);
  });

  it("refuses data that is not a string", () => {
    expect(() => new SSEEvent({ data: 42 as unknown as string })).toThrow(/data must be a string, got number/);
  });

  it("accepts retry 0 and is frozen", () => {
    const event = new SSEEvent({ data: "x", retry: 0 });
    expect(event.retry).toBe(0);
    expect(Object.isFrozen(event)).toBe(true);
  });
});

describe("encodeEvent", () => {
  it("writes fields in order and ends with a blank line", () => {
    expect(encodeEvent(new SSEEvent({ data: "hi", event: "status", id: "7", retry: 2500 }))).toBe(
      "event: status\nid: 7\nretry: 2500\ndata: hi\n\n",
    );
  });

  it("writes only data for a bare event", () => {
    expect(encodeEvent(new SSEEvent({ data: "hello" }))).toBe("data: hello\n\n");
  });

  it.each([
    ["\n", "a\nb\nc"],
    ["\r\n", "a\r\nb\r\nc"],
    ["\r", "a\rb\rc"],
  ])("splits multi-line data on %j into one data line each", (_break, data) => {
    expect(encodeEvent(new SSEEvent({ data }))).toBe("data: a\ndata: b\ndata: c\n\n");
  });

  it("keeps a mix of line breaks and empty lines", () => {
    expect(encodeEvent(new SSEEvent({ data: "a\r\n\rb\n" }))).toBe("data: a\ndata: \ndata: b\ndata: \n\n");
  });

  it("sends empty data as one empty data line, so the browser still dispatches it", () => {
    expect(encodeEvent(new SSEEvent({ data: "", event: "close" }))).toBe("event: close\ndata: \n\n");
  });

  it("passes unicode through untouched", () => {
    expect(encodeEvent(new SSEEvent({ data: "héllo 👋 \u2028 done", event: "übung" }))).toBe(
      "event: übung\ndata: héllo 👋 \u2028 done\n\n",
    );
  });

  it("keeps leading spaces of data (the one after the colon is the separator)", () => {
    expect(encodeEvent(new SSEEvent({ data: "  indented" }))).toBe("data:   indented\n\n");
  });
});

describe("encodeComment", () => {
  it("writes a comment line per line", () => {
    expect(encodeComment("heartbeat")).toBe(": heartbeat\n\n");
    expect(encodeComment("a\nb")).toBe(": a\n: b\n\n");
  });
});

describe("EventStream", () => {
  it("needs an iterable source", () => {
    expect(() => new EventStream(42 as unknown as Iterable<unknown>)).toThrow(/async generator or another \(async\) iterable/);
  });

  it("checks its options with the event rules", () => {
    expect(() => new EventStream([], { eventType: "a\nb" })).toThrow(/event must not contain LF/);
    expect(() => new EventStream([], { heartbeatMs: -5 })).toThrow(/heartbeatMs must be a non-negative number/);
    expect(() => new EventStream([], { retry: 1.2 })).toThrow(/retry must be a non-negative integer/);
  });

  it("defaults heartbeats to 15 seconds", () => {
    expect(new EventStream([]).heartbeatMs).toBe(15_000);
  });
});
