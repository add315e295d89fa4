import { createHighlighter } from "shiki";
import { escapeHtml } from "chirp";
import { CODE_THEMES, READABLE_COLORS } from "./code-themes.ts";

/** Turns code into highlighted HTML (a `<pre>`); unknown languages come out plain. */
export type Highlight = (code: string, language: string) => string;

/** Fence names we accept, mapped to the grammar that colours them. Nunjucks templates are HTML with tags. */
const GRAMMARS: Record<string, string> = {
  ts: "typescript",
  typescript: "typescript",
  js: "typescript",
  html: "jinja-html",
  nunjucks: "jinja-html",
  njk: "jinja-html",
  bash: "bash",
  sh: "bash",
  shell: "bash",
  json: "json",
  css: "css",
  nginx: "nginx",
};

/**
 * Loads the grammars and the light and dark themes (readable on the code background) once; the returned function is
 * synchronous and caches every result, so a page renders its code blocks only once.
 */
export async function createHighlight(): Promise<Highlight> {
  const highlighter = await createHighlighter({
    themes: [CODE_THEMES.light, CODE_THEMES.dark],
    langs: ["typescript", "bash", "json", "css", "nginx", import("shiki/langs/jinja-html.mjs")],
  });
  const cache = new Map<string, string>();
  return (code, language) => {
    const key = `${language}\0${code}`;
    let html = cache.get(key);
    if (html === undefined) {
      const grammar = GRAMMARS[language.toLowerCase()];
      html = grammar
        ? highlighter.codeToHtml(code, { lang: grammar, themes: CODE_THEMES, defaultColor: false, colorReplacements: READABLE_COLORS })
        : `<pre class="shiki" tabindex="0"><code>${escapeHtml(code)}</code></pre>`;
      cache.set(key, html);
    }
    return html;
  };
}
