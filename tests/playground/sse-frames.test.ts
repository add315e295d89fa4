import { expect, test } from "vitest";
import { FrameSplitter, parseFrame } from "../../server/playground/sse-frames.ts";

const WIRE = "event: status\ndata: connected\n\n: heartbeat\n\nretry: 100\n\nevent: notification\ndata: <li>\ndata: x</li>\n\nid: 4\r\ndata: a\r\n\r\ndata: b\r\r";

test("cuts a stream into blocks at blank lines (LF, CRLF, CR), however the chunks fall, keeping the exact text", () => {
  for (const size of [1, 2, 3, 7, WIRE.length]) {
    const splitter = new FrameSplitter();
    const frames = [];
    for (let at = 0; at < WIRE.length; at += size) frames.push(...splitter.push(WIRE.slice(at, at + size)));
    expect(frames.map((frame) => frame.raw).join("") + splitter.rest).toBe(WIRE);
    expect(frames.map((frame) => frame.kind)).toEqual(["event", "comment", "field", "event", "event"]);
    // A trailing CR may be half of a CRLF: the last block waits for the next chunk.
    expect(splitter.rest).toBe("data: b\r\r");
  }
});

test("reads fields as an EventSource does", () => {
  expect(parseFrame("event: notification\ndata: <li>\ndata:x</li>\nid: 7\nretry: 250\n\n")).toEqual({
    raw: "event: notification\ndata: <li>\ndata:x</li>\nid: 7\nretry: 250\n\n",
    kind: "event",
    event: "notification",
    data: "<li>\nx</li>",
    id: "7",
    retry: 250,
    comments: [],
  });
  expect(parseFrame("data\n\n")).toMatchObject({ kind: "event", event: "message", data: "" });
  expect(parseFrame(": heartbeat\n\n")).toMatchObject({ kind: "comment", comments: ["heartbeat"] });
  expect(parseFrame("retry: soon\n\n")).toEqual({ raw: "retry: soon\n\n", kind: "field", comments: [] });
});
