/**
 * The assistants a page can be handed to, how each takes a prompt in its URL, and the
 * longest link (the whole `href`) we hand it. None of them documents a limit for its `q`
 * parameter, so each is held under a documented limit of what stands in front of it:
 *
 * - 8,000: RFC 9110 §4.1 recommends that every sender and recipient support URIs of at
 *   least 8,000 octets; beyond that a proxy on the way may answer 414. (Cloudflare's own
 *   limit is 32 KB: developers.cloudflare.com/support/troubleshooting/http-status-codes/
 *   4xx-client-error/error-414/.)
 * - 4,000 for Copilot: Microsoft's front door (Azure Front Door) caps a query string at
 *   4,096 bytes and a whole URL at 8,192 (learn.microsoft.com, "Azure Front Door limits").
 */
export const ASSISTANTS = [
  { name: "Claude", url: "https://claude.ai/new?q=", maxUrl: 8_000 },
  { name: "ChatGPT", url: "https://chatgpt.com/?q=", maxUrl: 8_000 },
  { name: "Gemini", url: "https://gemini.google.com/app?q=", maxUrl: 8_000 },
  { name: "Copilot", url: "https://copilot.microsoft.com/?q=", maxUrl: 4_000 },
] as const;

/** A deep link that opens an assistant with a prompt. */
export interface AskLink {
  name: string;
  href: string;
  /** The prompt holds only the start of the page: the rest has to be pasted (the page is copied on click). */
  cut: boolean;
}

/**
 * The page to hand over: by its public Markdown URL (the assistant fetches it), or by its
 * Markdown itself when the server is local and no assistant could fetch it.
 */
export type AskPage = { title: string; markdownUrl: string } | { title: string; markdown: string };

/** `prompt` as a query value exactly as a browser sends it (browsers also escape the `'` that encodeURIComponent leaves). */
const queryValue = (prompt: string) => encodeURIComponent(prompt).replace(/'/g, "%27");

const ABOUT = "the chirp docs (a TypeScript web framework for HTML over the wire)";

/** The note that ends a cut prompt; `kept` and `total` are character counts. */
export function cutNote(kept: number, total: number): string {
  return `[The page is cut here to fit in a link: ${kept.toLocaleString("en")} of its ${total.toLocaleString("en")} characters. The whole page is on my clipboard: I paste it below.]`;
}

/** The prompt carrying `lines[0..count)` of the page, with a cut note when that is not all of it. */
function carryingPrompt(title: string, lines: string[], count: number, total: number): string {
  const intro = `Here is the "${title}" page of ${ABOUT}, as Markdown, so I can ask you questions about it.\n\n`;
  if (count === lines.length) return intro + lines.join("\n");
  const kept = lines.slice(0, count);
  // A cut inside a code block closes the block, so the note is read as prose.
  const openFence = kept.filter((line) => /^\s*(```|~~~)/.test(line)).length % 2 === 1;
  const text = kept.join("\n");
  return `${intro}${text}${openFence ? "\n```" : ""}\n\n${cutNote(text.length, total)}`;
}

/** The link to `url` for the longest start of `markdown` (whole lines) whose link fits in `maxUrl`. */
function carryingLink(url: string, maxUrl: number, title: string, markdown: string): { href: string; cut: boolean } {
  const lines = markdown.split("\n");
  const hrefFor = (count: number) => url + queryValue(carryingPrompt(title, lines, count, markdown.length));
  const whole = hrefFor(lines.length);
  if (whole.length <= maxUrl) return { href: whole, cut: false };
  // The link grows with every line kept: find the most lines that still fit.
  let [fits, tooMany] = [0, lines.length];
  while (tooMany - fits > 1) {
    const middle = (fits + tooMany) >> 1;
    if (hrefFor(middle).length <= maxUrl) fits = middle;
    else tooMany = middle;
  }
  return { href: hrefFor(fits), cut: true };
}

/**
 * Deep links handing `page` to each assistant. Shared by the server (the page's HTML) and
 * the browser (which carries edited example code the same way).
 */
export function askLinks(page: AskPage): AskLink[] {
  return ASSISTANTS.map(({ name, url, maxUrl }) => {
    if ("markdownUrl" in page) {
      const prompt = `Read ${page.markdownUrl} — the "${page.title}" page of ${ABOUT} — so I can ask you questions about it.`;
      return { name, href: url + queryValue(prompt), cut: false };
    }
    return { name, ...carryingLink(url, maxUrl, page.title, page.markdown) };
  });
}
