import { describe, expect, it } from "vitest";
import type { Frame } from "../../common/playground-protocol.ts";
import { applySseSwaps, sseConnections } from "../../server/docs/sse-swaps.ts";

const event = (name: string, data: string): Frame => ({ raw: `event: ${name}\ndata: ${data}\n\n`, kind: "event", event: name, data, comments: [] });
const body = (html: string) => /<body>([^]*)<\/body>/.exec(html)![1]!.trim();

describe("applySseSwaps: the screen a recorded run leaves", () => {
  it("swaps each event into the elements listening for it, with their swap style, in order", () => {
    const page = `<!doctype html><body><div hx-ext="sse" sse-connect="/events" hx-swap="beforeend">
<span sse-swap="status" hx-swap="innerHTML">connecting</span><ol sse-swap="item, extra"></ol><p sse-swap="top" hx-swap="afterbegin">x</p><b sse-swap="gone" hx-swap="outerHTML">old</b></div>
<script src="/_chirp/htmx.min.js"></script></body>`;
    const frames = [event("status", "connected"), event("item", "<li>1</li>"), event("extra", "<li>2</li>"), event("top", "<i>a</i>"), event("gone", "<em>new</em>"), event("nobody", "ignored"), { raw: ": hi\n\n", kind: "comment", comments: ["hi"] } as Frame];
    expect(body(applySseSwaps(page, frames))).toBe(`<div hx-ext="sse" sse-connect="/events" hx-swap="beforeend">
<span sse-swap="status" hx-swap="innerHTML">connected</span><ol sse-swap="item, extra"><li>1</li><li>2</li></ol><p sse-swap="top" hx-swap="afterbegin"><i>a</i>x</p><em>new</em></div>`);
  });

  it("lists the streams a page connects to", () => {
    expect(sseConnections('<main sse-connect="/events?name=a&amp;b=1"><div sse-connect="/other"></div></main>')).toEqual(["/events?name=a&b=1", "/other"]);
  });
});
