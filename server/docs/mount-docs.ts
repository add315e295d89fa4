import { Fragment, Redirect, Reply, Template, type App, type ChirpRequest } from "chirp";
import { askLinks, type AskLink } from "../../common/ask-links.ts";
import type { ExampleRecording } from "./example-recording.ts";
import type { FrontEnd } from "./front-end.ts";
import { llmsFullTxt, llmsTxt } from "./llms.ts";
import { locate } from "./navigation.ts";
import type { Page } from "./page.ts";
import { twinMarkdown } from "./public-links.ts";
import { searchIndex } from "./search-index.ts";
import { THEME_SCRIPT } from "./security-headers.ts";
import type { Site } from "./site.ts";

/** Where the docs templates live. */
export const DOCS_TEMPLATES = new URL("./templates", import.meta.url);

/** How the docs are served. */
export interface DocsOptions {
  /** The current site; called on every request, so a dev server can hand out a reloaded one (or throw its error). */
  site: () => Site;
  frontEnd: FrontEnd;
  /** `static` pages say that the example panes need the live server. */
  mode: "live" | "static";
  /**
   * The address readers use (`--public-url`), for links that leave the machine: canonical
   * links, `llms.txt`, the `.md` twins' links and the Ask prompts. Without it the Ask
   * prompts carry the page's Markdown itself, since no assistant can reach this server.
   */
  publicUrl?: string;
  /** For a static copy: the example runs recorded by the build, by example name, shown in place of the live panes. */
  recordings?: ReadonlyMap<string, ExampleRecording>;
}

/** Caches what is derived from a whole site, until the site is reloaded. */
function perSite(derive: (site: Site) => string): (site: Site) => string {
  const cache = new WeakMap<Site, string>();
  return (site) => {
    let value = cache.get(site);
    if (value === undefined) cache.set(site, (value = derive(site)));
    return value;
  };
}

const text = (body: string, type: string) => new Reply(body, { headers: { "content-type": `${type}; charset=utf-8` } });

/** True for a navigation htmx made from a boosted link: it gets only the main area. */
function isBoostedNavigation(request: ChirpRequest): boolean {
  return request.isHtmx && request.headers["hx-boosted"] === "true" && request.headers["hx-history-restore-request"] !== "true";
}

/** Caches what is derived from one page, until the site is reloaded. */
function perPage<T>(derive: (page: Page) => T): (page: Page) => T {
  const cache = new WeakMap<Page, T>();
  return (page) => {
    if (!cache.has(page)) cache.set(page, derive(page));
    return cache.get(page)!;
  };
}

/**
 * Serves the docs on `app`: every page at `/<path>/` (the main area alone for a boosted
 * htmx navigation, the whole page otherwise), its Markdown twin at `/<path>.md`,
 * `/llms.txt`, `/llms-full.txt`, `/search-index.json`, and the front-end files.
 */
export function mountDocs(app: App, options: DocsOptions): App {
  options.frontEnd.mount(app);
  app.templates.environment.addGlobal("themeScript", THEME_SCRIPT);
  const staticCopy = options.mode === "static";
  const { publicUrl } = options;
  const asks = perPage<AskLink[]>((page) =>
    askLinks(publicUrl ? { title: page.title, markdownUrl: publicUrl + page.mdUrl } : { title: page.title, markdown: page.markdown }),
  );

  const pageContext = (site: Site, page: Page, found = true) => ({
    frontEnd: options.frontEnd.head(),
    staticCopy,
    page,
    nav: site.navigation,
    where: locate(site.navigation, page),
    asks: found ? asks(page) : asks(site.find("/")!),
    canonical: publicUrl && found ? publicUrl + page.url : undefined,
    asksCarryPage: !publicUrl,
    recording: page.example === undefined ? undefined : options.recordings?.get(page.example),
  });

  const servePage = (request: ChirpRequest) => {
    const site = options.site();
    const page = site.find(request.path);
    if (!page) {
      if (site.find(`${request.path}/`)) return new Redirect(`${request.path}/`, 301);
      const standIn = { ...site.find("/")!, url: request.path, section: "" };
      return new Reply(new Template("not-found.html", { ...pageContext(site, standIn, false), missing: request.path }), { status: 404 });
    }
    if (request.path === page.mdUrl) return text(twinMarkdown(page, publicUrl), "text/markdown");
    const context = pageContext(site, page);
    const body = isBoostedNavigation(request) ? new Fragment("page.html", "content", { ...context, boosted: true }) : new Template("page.html", context);
    return new Reply(body, { headers: { vary: "HX-Request, HX-Boosted", "cache-control": "no-cache" } });
  };

  const [llms, llmsFull, index] = [perSite((site) => llmsTxt(site, publicUrl)), perSite((site) => llmsFullTxt(site, publicUrl)), perSite(searchIndex)];
  app.route("/llms.txt", () => text(llms(options.site()), "text/plain"));
  app.route("/llms-full.txt", () => text(llmsFull(options.site()), "text/plain"));
  app.route("/search-index.json", { referenced: true }, () => text(index(options.site()), "application/json"));
  app.route("/", servePage);
  // Pages and twins are linked from the rendered Markdown, which the contract checker does not read.
  app.route("/index.md", { referenced: true }, servePage);
  app.route("/docs/{*path}", { referenced: true }, servePage);
  return app;
}
