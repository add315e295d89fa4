import type { MarkdownIt, StateBlock } from "markdown-it";
import { escapeHtml } from "chirp";

/** Callout kinds and their default titles. */
const CALLOUTS: Record<string, string> = { note: "Note", tip: "Tip", warning: "Warning" };
const OPENING = /^:::\s*(\w+)\s*(.*)$/;

function lineText(state: StateBlock, line: number): string {
  return state.src.slice(state.bMarks[line]! + state.tShift[line]!, state.eMarks[line]);
}

/**
 * Fenced containers: `::: note|tip|warning [title]` … `:::` become callouts, and
 * `::: steps` … `:::` turns the ordered list inside into numbered steps (as in "Run it").
 * Containers may nest; the closing `:::` must stand alone on its line.
 */
export function containers(md: MarkdownIt): void {
  md.block.ruler.before("fence", "container", (state, startLine, endLine, silent) => {
    if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
    const opening = OPENING.exec(lineText(state, startLine));
    if (!opening) return false;
    const kind = opening[1]!;
    if (kind !== "steps" && !(kind in CALLOUTS)) return false;
    if (silent) return true;
    let depth = 1;
    let line = startLine + 1;
    for (; line < endLine; line++) {
      const text = lineText(state, line);
      if (OPENING.test(text)) depth++;
      else if (text.trim() === ":::" && --depth === 0) break;
    }
    const open = state.push("container_open", kind === "steps" ? "div" : "aside", 1);
    open.info = kind;
    open.meta = { title: opening[2]!.trim() || CALLOUTS[kind] };
    open.map = [startLine, line];
    const oldParent = state.parentType;
    const oldMax = state.lineMax;
    state.parentType = "container" as typeof state.parentType;
    state.lineMax = line;
    state.md.block.tokenize(state, startLine + 1, line);
    state.parentType = oldParent;
    state.lineMax = oldMax;
    state.push("container_close", open.tag, -1);
    state.line = Math.min(line + 1, endLine);
    return true;
  });
  md.renderer.rules.container_open = (tokens, index) => {
    const token = tokens[index]!;
    if (token.info === "steps") return '<div class="steps">\n';
    const kind = token.info;
    return `<aside class="callout callout-${kind}" role="note"><p class="callout-title">${escapeHtml(String(token.meta?.title))}</p>\n`;
  };
  md.renderer.rules.container_close = (tokens, index) => `</${tokens[index]!.tag}>\n`;
}
