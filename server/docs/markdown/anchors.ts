import type { MarkdownIt, Token } from "markdown-it";

/** One entry of a page's table of contents. */
export interface TocEntry {
  level: number;
  id: string;
  text: string;
}

/** What the pipeline collects while rendering one page. */
export interface RenderEnv {
  [key: string | symbol]: unknown;
  toc: TocEntry[];
  slugs: Map<string, number>;
}

/** A URL fragment from heading text: lower case, words joined by hyphens. */
export function slugify(text: string): string {
  return (
    text
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^\p{L}\p{N}\s-]/gu, "")
      .trim()
      .replace(/\s+/g, "-") || "section"
  );
}

function uniqueSlug(env: RenderEnv, text: string): string {
  const base = slugify(text);
  const seen = env.slugs.get(base) ?? 0;
  env.slugs.set(base, seen + 1);
  return seen === 0 ? base : `${base}-${seen}`;
}

/** The plain text of an inline token: its text and code, without Markdown syntax. */
export function inlineText(token: Token): string {
  return (token.children ?? [])
    .map((child) => (child.type === "text" || child.type === "code_inline" ? child.content : child.type.endsWith("break") ? " " : ""))
    .join("");
}

/**
 * Gives every heading an id and a `#` link to itself, and records h2 and h3
 * headings in `env.toc` for the on-page table of contents.
 */
export function anchors(md: MarkdownIt): void {
  md.core.ruler.push("anchors", (state) => {
    const env = state.env as unknown as RenderEnv;
    env.toc ??= [];
    env.slugs ??= new Map();
    state.tokens.forEach((token, index) => {
      if (token.type !== "heading_open") return;
      const inline = state.tokens[index + 1]!;
      const text = inlineText(inline);
      const id = String(token.attrGet("id") ?? uniqueSlug(env, text));
      token.attrSet("id", id);
      const level = Number(token.tag.slice(1));
      if (level === 2 || level === 3) env.toc.push({ level, id, text });
      if (level === 1) return;
      const link = new state.Token("html_inline", "", 0);
      link.content = `<a class="anchor" href="#${id}" aria-label="Link to this section">#</a>`;
      inline.children = [...(inline.children ?? []), link];
    });
  });
}
