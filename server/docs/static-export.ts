import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { App } from "chirp";
import type { Site } from "./site.ts";

/** Files every static copy has besides the pages. */
const SITE_FILES = ["/llms.txt", "/llms-full.txt", "/search-index.json", "/_chirp/htmx.min.js"];

/** Where the file for `url` goes in `outDir`: `/docs/x/` → `docs/x/index.html`. */
function fileFor(outDir: string, url: string): string {
  return path.join(outDir, url.endsWith("/") ? `${url}index.html` : url);
}

/**
 * Writes a static copy of the docs into `outDir` by asking the app itself for every
 * page, its Markdown twin and the site files, so the copy is exactly what the server serves.
 * Returns how many files it wrote.
 */
export async function exportStatic(app: App, site: Site, outDir: string): Promise<number> {
  const listening = await app.listen({ host: "127.0.0.1", port: 0 });
  try {
    const urls = [...site.pages.flatMap((page) => [page.url, page.mdUrl]), ...SITE_FILES];
    for (const url of urls) {
      const response = await fetch(new URL(url, listening.url));
      if (!response.ok) throw new Error(`static export: ${url} answered ${response.status}`);
      const file = fileFor(outDir, url);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, Buffer.from(await response.arrayBuffer()));
    }
    const missing = await fetch(new URL("/docs/this-page-does-not-exist/", listening.url));
    writeFileSync(path.join(outDir, "404.html"), await missing.text());
    return urls.length + 1;
  } finally {
    await listening.close();
  }
}
