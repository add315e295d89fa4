import MarkdownIt from "markdown-it";
import type { Token } from "markdown-it";
import type { Highlight } from "../highlight.ts";
import { anchors, inlineText, type RenderEnv, type TocEntry } from "./anchors.ts";
import { codeBlocks, scrollingTables } from "./code-blocks.ts";
import { containers } from "./containers.ts";

/** One heading's stretch of a page, as plain text: what the search index holds. */
export interface TextSection {
  /** The heading's id ("" for the text before the first heading). */
  id: string;
  heading: string;
  text: string;
}

/** A rendered page body. */
export interface Rendered {
  html: string;
  toc: TocEntry[];
  sections: TextSection[];
}

/** Splits a token stream into plain-text sections at each h2 and h3 (code left out). */
function textSections(tokens: Token[]): TextSection[] {
  const sections: TextSection[] = [{ id: "", heading: "", text: "" }];
  tokens.forEach((token, index) => {
    if (token.type === "heading_open" && (token.tag === "h2" || token.tag === "h3")) {
      sections.push({ id: String(token.attrGet("id") ?? ""), heading: inlineText(tokens[index + 1]!), text: "" });
    } else if (token.type === "inline" && tokens[index - 1]?.type !== "heading_open") {
      sections.at(-1)!.text += `${inlineText(token)} `;
    }
  });
  return sections.map((section) => ({ ...section, text: section.text.trim() })).filter((section) => section.heading || section.text);
}

/**
 * The Markdown pipeline as a list of small plugins: heading anchors and contents,
 * callouts and steps, highlighted code with copy buttons, scrolling tables.
 * Includes are expanded before this (see `expandIncludes`), so the twin and the page agree.
 */
export function createMarkdown(highlight: Highlight): (markdown: string) => Rendered {
  const md = new MarkdownIt({ html: true, linkify: false, typographer: false });
  md.use(anchors).use(containers).use(codeBlocks, highlight).use(scrollingTables);
  return (markdown) => {
    const env = { toc: [], slugs: new Map() } as RenderEnv;
    const tokens = md.parse(markdown, env);
    return { html: md.renderer.render(tokens, md.options, env), toc: env.toc, sections: textSections(tokens) };
  };
}
