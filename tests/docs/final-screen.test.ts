import { describe, expect, it } from "vitest";
import type { Frame } from "../../common/playground-protocol.ts";
import { finalScreen, sseConnections } from "../../server/docs/final-screen.ts";

const event = (name: string, data: string): Frame => ({ raw: `event: ${name}\ndata: ${data}\n\n`, kind: "event", event: name, data, comments: [] });
const body = (html: string) => /<body>([^]*)<\/body>/.exec(html)![1]!.trim();

describe("finalScreen: the screen a recorded run leaves", () => {
  it("swaps each event into the elements listening for it, with their swap style, in order", () => {
    const page = `<!doctype html><body><div hx-ext="sse" sse-connect="/events" hx-swap="beforeend">
<span sse-swap="status" hx-swap="innerHTML">connecting</span><ol sse-swap="item, extra"></ol><p sse-swap="top" hx-swap="afterbegin">x</p><b sse-swap="gone" hx-swap="outerHTML">old</b></div>
<script src="/_chirp/htmx.min.js"></script></body>`;
    const frames = [event("status", "connected"), event("item", "<li>1</li>"), event("extra", "<li>2</li>"), event("top", "<i>a</i>"), event("gone", "<em>new</em>"), event("nobody", "ignored"), { raw: ": hi\n\n", kind: "comment", comments: ["hi"] } as Frame];
    expect(body(finalScreen(page, frames, "light"))).toBe(`<div hx-ext="sse" sse-connect="/events" hx-swap="beforeend">
<span sse-swap="status" hx-swap="innerHTML">connected</span><ol sse-swap="item, extra"><li>1</li><li>2</li></ol><p sse-swap="top" hx-swap="afterbegin"><i>a</i>x</p><em>new</em></div>`);
  });

  it("puts the blocks a Suspense page streamed after its shell in place of their placeholders", () => {
    const page = `<!doctype html><body><div id="revenue" class="skeleton"></div><p>kept</p>
<template data-chirp-swap="revenue"><div id="revenue"><b>42</b></div></template><script>swap()</script></body>`;
    expect(body(finalScreen(page, [], "light"))).toBe(`<div id="revenue"><b>42</b></div><p>kept</p>`);
  });

  it("is drawn in the colour scheme asked for: prefers-color-scheme decided, color-scheme narrowed, in styles, media and meta", () => {
    const page = `<!doctype html><head><meta name="color-scheme" content="light dark"><style media="(prefers-color-scheme: dark)">i { color: red }</style>
<style>:root { color-scheme: light dark; } @media screen and (prefers-color-scheme: dark) { b { color: white } } @media (prefers-color-scheme:light) { b { color: black } }</style></head><body><p>(prefers-color-scheme: dark) as text stays</p></body>`;
    const dark = finalScreen(page, [], "dark");
    expect(dark).toContain('<meta name="color-scheme" content="dark"><style media="(min-width: 0px)">');
    expect(dark).toContain(":root { color-scheme: dark; } @media screen and (min-width: 0px) { b { color: white } } @media (not (min-width: 0px)) { b { color: black } }");
    expect(dark).toContain("<p>(prefers-color-scheme: dark) as text stays</p>");
    const light = finalScreen(page, [], "light");
    expect(light).toContain('<meta name="color-scheme" content="light"><style media="(not (min-width: 0px))">');
    expect(light).toContain(":root { color-scheme: light; } @media screen and (not (min-width: 0px)) { b { color: white } } @media (min-width: 0px) { b { color: black } }");
  });

  it("lists the streams a page connects to", () => {
    expect(sseConnections('<main sse-connect="/events?name=a&amp;b=1"><div sse-connect="/other"></div></main>')).toEqual(["/events?name=a&b=1", "/other"]);
  });
});
