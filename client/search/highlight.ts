const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escape = (text: string) => text.replace(/[&<>"']/g, (character) => ENTITIES[character]!);

function termPattern(terms: string[]): RegExp | undefined {
  const words = terms.filter(Boolean).map((term) => term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return words.length ? new RegExp(`(${words.join("|")})`, "gi") : undefined;
}

/** `text` escaped for HTML, with every match of `terms` wrapped in `<mark>`. */
export function highlight(text: string, terms: string[]): string {
  const pattern = termPattern(terms);
  if (!pattern) return escape(text);
  return text
    .split(pattern)
    .map((part, index) => (index % 2 === 1 ? `<mark>${escape(part)}</mark>` : escape(part)))
    .join("");
}

/** About `width` characters of `text` around the first match, highlighted. */
export function snippet(text: string, terms: string[], width = 140): string {
  const pattern = termPattern(terms);
  const at = pattern ? Math.max(0, text.search(pattern)) : 0;
  const start = Math.max(0, at - width / 3);
  const end = Math.min(text.length, start + width);
  return `${start > 0 ? "…" : ""}${highlight(text.slice(start, end), terms)}${end < text.length ? "…" : ""}`;
}
