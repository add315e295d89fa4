/**
 * The page's Markdown as the reader has it now: its twin, with the example workbench's
 * edits put in by the workbench (so Copy page, Copy as LLM text and the Ask links hand
 * over the code the reader is looking at).
 */

/** Turns the twin into the text the reader sees; registered by the part of the page it belongs to. */
interface Edit {
  owner: Element;
  apply(markdown: string): string;
}

let edit: Edit | undefined;
const twins = new Map<string, Promise<string>>();
const fetched = new Map<string, string>();

/** Lets `owner` (while it is in the page) put its edits into the page's Markdown. */
export function editPageText(owner: Element, apply: (markdown: string) => string): void {
  edit = { owner, apply };
}

function withEdits(markdown: string): string {
  return edit?.owner.isConnected ? edit.apply(markdown) : markdown;
}

/** Starts fetching the twin at `markdownUrl` (once) so that {@link pageTextNow} can answer during a click. */
export function pageText(markdownUrl: string): Promise<string> {
  let twin = twins.get(markdownUrl);
  if (!twin) {
    twin = fetch(markdownUrl).then(async (response) => {
      if (!response.ok) throw new Error(`${markdownUrl} answered ${response.status}`);
      const text = await response.text();
      fetched.set(markdownUrl, text);
      return text;
    });
    twin.catch(() => twins.delete(markdownUrl));
    twins.set(markdownUrl, twin);
  }
  return twin.then(withEdits);
}

/** The page text at once, if its twin has already arrived. */
export function pageTextNow(markdownUrl: string): string | undefined {
  const twin = fetched.get(markdownUrl);
  return twin === undefined ? undefined : withEdits(twin);
}
