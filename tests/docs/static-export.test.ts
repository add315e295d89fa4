import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { NO_FRONT_END } from "../../server/docs/front-end.ts";
import { exportStatic } from "../../server/docs/static-export.ts";
import { createServer } from "../../server/main.ts";

it("writes every page, its twin, the LLM text, the search index and htmx for a static server", async () => {
  const { app, site } = await createServer({ staticCopy: true, frontEnd: NO_FRONT_END });
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
  expect(example).toContain('<div id="workbench" data-example="sse" data-static="true">');
  expect(example).toMatch(/need the live server: run <code>npm start<\/code>/);
});
