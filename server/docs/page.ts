import type { FrontMatter } from "./front-matter.ts";
import type { TocEntry } from "./markdown/anchors.ts";
import type { TextSection } from "./markdown/pipeline.ts";

/** One docs page, loaded, expanded and rendered. */
export interface Page extends FrontMatter {
  /** The source, relative to the project, e.g. `content/docs/concepts/sse.md`. */
  file: string;
  /** Where the page is served, e.g. `/docs/concepts/sse/`. */
  url: string;
  /** Where its Markdown twin is served, e.g. `/docs/concepts/sse.md`. */
  mdUrl: string;
  /** The sidebar section it belongs to: its folder under `content/docs/` ("" for top-level pages). */
  section: string;
  /** True for a section's `index.md`. */
  isIndex: boolean;
  /** The example it presents (`content/docs/examples/<name>.md`), if it is an example page. */
  example: string | undefined;
  /** The LLM text: title, summary and body with every include inlined. */
  markdown: string;
  /** The rendered body; for example pages, split where the workbench goes. */
  intro: string;
  html: string;
  toc: TocEntry[];
  /** The highest heading level in `toc`, whose entries are not indented. */
  tocTop: number;
  sections: TextSection[];
  /** Project-relative paths of the files the page includes. */
  includes: string[];
}

/** The URL of the page stored at `relative` (inside `content/`), and of its twin. */
export function pageUrls(relative: string): { url: string; mdUrl: string } {
  const stem = relative.replace(/\.md$/, "").replace(/(^|\/)index$/, "");
  if (stem === "") return { url: "/", mdUrl: "/index.md" };
  return { url: `/${stem}/`, mdUrl: `/${stem}.md` };
}
