import { readFileSync } from "node:fs";
import path from "node:path";
import { parseFrontMatter } from "./front-matter.ts";
import { expandIncludes } from "./includes.ts";
import type { Rendered } from "./markdown/pipeline.ts";
import { pageUrls, type Page } from "./page.ts";

/** Where a page's body splits for the workbench: before its first second-level heading. */
const FIRST_H2 = /<h2[\s>]/;

/** Reads one content file into a {@link Page}; errors name the file and line. */
export function loadPage(contentRoot: string, relative: string, projectRoot: string, render: (markdown: string) => Rendered): Page {
  const file = path.relative(projectRoot, path.join(contentRoot, relative)).split(path.sep).join("/");
  const parsed = parseFrontMatter(readFileSync(path.join(contentRoot, relative), "utf8"), file);
  const expanded = expandIncludes(parsed.body, { file, firstLine: parsed.bodyLine, root: projectRoot });
  const rendered = render(expanded.markdown);
  const parts = relative.split("/");
  const example = parts[0] === "docs" && parts[1] === "examples" && parts.length === 3 && parts[2] !== "index.md" ? parts[2]!.replace(/\.md$/, "") : undefined;
  const split = example ? rendered.html.search(FIRST_H2) : -1;
  const { title, description } = parsed.data;
  return {
    ...parsed.data,
    ...pageUrls(relative),
    file,
    section: parts[0] === "docs" && parts.length > 2 ? parts[1]! : "",
    isIndex: parts.at(-1) === "index.md",
    example,
    markdown: `# ${title}\n\n${description ? `> ${description}\n\n` : ""}${expanded.markdown.trim()}\n`,
    intro: split > 0 ? rendered.html.slice(0, split) : "",
    html: split > 0 ? rendered.html.slice(split) : rendered.html,
    toc: rendered.toc,
    tocTop: Math.min(...rendered.toc.map((entry) => entry.level)),
    sections: rendered.sections,
    includes: expanded.files,
  };
}
