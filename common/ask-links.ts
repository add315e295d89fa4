/** The assistants a page can be handed to, and how each takes a prompt in its URL. */
const ASSISTANTS = [
  { name: "Claude", url: "https://claude.ai/new?q=" },
  { name: "ChatGPT", url: "https://chatgpt.com/?q=" },
  { name: "Gemini", url: "https://gemini.google.com/app?q=" },
  { name: "Copilot", url: "https://copilot.microsoft.com/?q=" },
] as const;

/** A deep link that opens an assistant with a prompt. */
export interface AskLink {
  name: string;
  href: string;
}

/**
 * Deep links asking each assistant to read `markdownUrl` (a page's `.md` twin, absolute).
 * Shared by the server (first render) and the browser (which knows the real origin of a static copy).
 */
export function askLinks(markdownUrl: string, title: string): AskLink[] {
  const prompt = `Read ${markdownUrl} — the "${title}" page of the chirp docs (a TypeScript web framework for HTML over the wire) — so I can ask you questions about it.`;
  return ASSISTANTS.map(({ name, url }) => ({ name, href: url + encodeURIComponent(prompt) }));
}
