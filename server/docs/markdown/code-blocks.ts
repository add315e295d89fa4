import type { MarkdownIt } from "markdown-it";
import { escapeHtml } from "chirp";
import type { Highlight } from "../highlight.ts";

const TITLE = /\btitle="([^"]*)"/;

/** The copy button every code block carries; the client copies the block's code. */
const COPY_BUTTON =
  '<button type="button" class="copy-code" aria-label="Copy code"><svg aria-hidden="true" viewBox="0 0 24 24" width="16" height="16"><rect x="9" y="9" width="11" height="11" rx="2" fill="none" stroke="currentColor" stroke-width="2"/><path d="M5 15V5a2 2 0 0 1 2-2h8" fill="none" stroke="currentColor" stroke-width="2"/></svg><span>Copy</span></button>';

/**
 * Renders fenced code through the server-side highlighter, inside a figure with
 * the file name (from `title="…"` in the fence info) or language, and a copy button.
 */
export function codeBlocks(md: MarkdownIt, highlight: Highlight): void {
  md.renderer.rules.fence = (tokens, index) => {
    const token = tokens[index]!;
    const language = token.info.trim().split(/\s+/)[0] ?? "";
    const title = TITLE.exec(token.info)?.[1];
    const label = title ? `<span class="code-title">${escapeHtml(title)}</span>` : `<span class="code-lang">${escapeHtml(language || "text")}</span>`;
    return `<figure class="code-block" data-lang="${escapeHtml(language || "text")}"><figcaption>${label}${COPY_BUTTON}</figcaption>${highlight(token.content.replace(/\n$/, ""), language)}</figure>\n`;
  };
}

/** Wraps tables so a wide one scrolls sideways instead of widening the page. */
export function scrollingTables(md: MarkdownIt): void {
  md.renderer.rules.table_open = () => '<div class="table-wrap"><table>\n';
  md.renderer.rules.table_close = () => "</table></div>\n";
}
