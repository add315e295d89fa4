import { readdirSync } from "node:fs";
import path from "node:path";
import { createHighlight } from "./highlight.ts";
import { loadPage } from "./load-page.ts";
import { createMarkdown } from "./markdown/pipeline.ts";
import { buildNavigation, type Navigation } from "./navigation.ts";
import type { Page } from "./page.ts";

/** The whole docs site: every page, its navigation and lookups by URL. */
export interface Site {
  /** Every page in reading order (the order of the sidebar). */
  pages: Page[];
  navigation: Navigation;
  /** A page by its URL or its twin's URL. */
  find(url: string): Page | undefined;
}

/** Content file paths under `dir`, relative to it, with `/` separators. */
function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((file) => file.split(path.sep).join("/"))
    .filter((file) => file.endsWith(".md"))
    .sort();
}

/** A site loader: highlighting is set up once, then `load()` reads the content afresh each time it is called. */
export async function createSiteLoader(options: { contentDir: string; projectRoot: string }): Promise<() => Site> {
  const render = createMarkdown(await createHighlight());
  return () => {
    const loaded = markdownFiles(options.contentDir).map((file) => loadPage(options.contentDir, file, options.projectRoot, render));
    const navigation = buildNavigation(loaded);
    const byUrl = new Map<string, Page>();
    for (const page of navigation.order) {
      byUrl.set(page.url, page);
      byUrl.set(page.mdUrl, page);
    }
    return { pages: navigation.order, navigation, find: (url) => byUrl.get(url) };
  };
}
