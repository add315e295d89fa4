import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { NO_FRONT_END } from "../../server/docs/front-end.ts";
import { recordExamples } from "../../server/docs/example-recording.ts";
import { exportStatic } from "../../server/docs/static-export.ts";
import { createServer, ROOT } from "../../server/main.ts";

it("writes every page, its twin, the LLM text, the search index and htmx for a static server, with a recorded run on example pages", async () => {
  // Two examples, as the build records all of them: one that streams, one that does not. The SSE
  // example ends its stream by itself; the long bound only keeps a busy machine from cutting it short.
  const recordings = await recordExamples(ROOT, ["sse", "hello"], { ms: 60_000, frames: 40 });
  const { app, site } = await createServer({ staticCopy: true, frontEnd: NO_FRONT_END, recordings });
  const out = mkdtempSync(path.join(tmpdir(), "chirp-static-"));
  await exportStatic(app, site.current(), out);
  for (const page of site.current().pages) {
    expect(existsSync(path.join(out, page.url, "index.html")), page.url).toBe(true);
    expect(readFileSync(path.join(out, page.mdUrl), "utf8")).toBe(page.markdown);
  }
  for (const file of ["llms.txt", "llms-full.txt", "search-index.json", "_chirp/htmx.min.js", "404.html"]) {
    expect(existsSync(path.join(out, file)), file).toBe(true);
  }
  const example = readFileSync(path.join(out, "docs/examples/sse/index.html"), "utf8");
  expect(example).toContain('<div id="workbench" class="recording" data-example="sse" data-static="true">');
  expect(example).toMatch(/need the live server: run <code>npm start<\/code>/);
  // The transcript: real frames of the example's stream, in order, each with its time.
  const frames = [...example.matchAll(/<li><span class="recorded-time">([\d.]+) s<\/span> <span class="recorded-event">([^<]+)<\/span><pre>([^]*?)<\/pre><\/li>/g)];
  expect(frames.map((frame) => frame[2])).toEqual(["status", "notification", "notification", "notification", "notification", "close"]);
  expect(frames[1]![3]).toMatch(/^event: notification\ndata: &lt;li class=&quot;notification notification--welcome&quot;&gt;/);
  expect(frames.map((frame) => Number(frame[1]))).toEqual(frames.map((frame) => Number(frame[1])).sort((a, b) => a - b));
  expect(example).toContain("then the server ended the stream");
  expect(example).toContain("in its first 60 seconds (at most 40)");
  expect(example).toContain("Recorded with <code>SSE_DELAY=0.2</code>");
  // The final screen: the served page with the four notifications swapped in, scripts removed.
  // Drawn in each colour scheme, for the page's theme to show one.
  const screens = [...example.matchAll(/<iframe class="recording-screen" data-scheme="(light|dark)" title="Recorded output of the sse example" sandbox srcdoc="([^"]*)"/g)];
  expect(screens.map((screen) => screen[1])).toEqual(["light", "dark"]);
  for (const [, scheme, screen] of screens) {
    const html = screen!.replaceAll("&quot;", '"').replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&#39;", "'").replaceAll("&amp;", "&");
    expect(html).toContain('<span class="status" sse-swap="status" aria-live="polite">connected</span>');
    expect(html.match(/<li class="notification /g)).toHaveLength(4);
    expect(html).not.toContain("<script");
    expect(html).toContain(`color-scheme: ${scheme};`);
  }
  const hello = readFileSync(path.join(out, "docs/examples/hello/index.html"), "utf8");
  expect(hello).toContain("The page opens no event stream when it loads");
  expect(hello).toContain('title="Recorded output of the hello example"');
}, 120_000);
