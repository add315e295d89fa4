import MiniSearch, { type SearchResult } from "minisearch";
import { SEARCH_OPTIONS, type SearchDocument } from "../../common/search-options.ts";
import { highlight, snippet } from "./highlight.ts";

/** Most results shown at once. */
const LIMIT = 12;

let index: Promise<MiniSearch<SearchDocument>> | undefined;
const attached = new WeakSet<HTMLDialogElement>();

function loadIndex(): Promise<MiniSearch<SearchDocument>> {
  index ??= fetch("/search-index.json")
    .then((response) => response.text())
    .then((json) => MiniSearch.loadJSON<SearchDocument>(json, SEARCH_OPTIONS));
  return index;
}

function resultItem(result: SearchResult, terms: string[], position: number): HTMLLIElement {
  const item = document.createElement("li");
  item.id = `search-result-${position}`;
  item.setAttribute("role", "option");
  item.setAttribute("aria-selected", String(position === 0));
  const link = document.createElement("a");
  link.href = result.url as string;
  link.tabIndex = -1;
  const where = result.heading ? `${result.title} › ${result.heading}` : (result.title as string);
  link.innerHTML = `<span class="result-section">${highlight(String(result.section || "Docs"), [])}</span><span class="result-title">${highlight(where, terms)}</span><span class="result-text">${snippet(String(result.text), terms)}</span>`;
  item.append(link);
  return item;
}

/**
 * Wires the search dialog: type to search the prebuilt MiniSearch index, arrows to move,
 * Enter to open (an htmx-boosted link, so only the main area changes), Escape to close.
 */
export async function attachSearch(dialog: HTMLDialogElement): Promise<void> {
  const input = dialog.querySelector("input")!;
  const list = dialog.querySelector<HTMLUListElement>("#search-results")!;
  input.focus();
  // Reopened: the last query is selected, so typing replaces it. (Not on the first opening: text typed while the index loads is kept.)
  if (attached.has(dialog)) return input.select();
  attached.add(dialog);
  const search = await loadIndex();
  const options = () => [...list.querySelectorAll<HTMLLIElement>("[role=option]")];
  const select = (position: number) => {
    const all = options();
    all.forEach((option, at) => option.setAttribute("aria-selected", String(at === position)));
    const chosen = all[position];
    if (chosen) input.setAttribute("aria-activedescendant", chosen.id);
    chosen?.scrollIntoView({ block: "nearest" });
  };
  const update = () => {
    const query = input.value.trim();
    const results = query ? search.search(query).slice(0, LIMIT) : [];
    list.replaceChildren(...results.map((result, position) => resultItem(result, result.terms, position)));
    if (query && results.length === 0) list.innerHTML = `<li class="no-results">No results for “${highlight(query, [])}”</li>`;
    input.setAttribute("aria-expanded", String(results.length > 0));
    if (results.length) select(0);
    else input.removeAttribute("aria-activedescendant");
  };
  input.addEventListener("input", update);
  input.addEventListener("keydown", (event) => {
    const all = options();
    const current = all.findIndex((option) => option.getAttribute("aria-selected") === "true");
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      select((current + (event.key === "ArrowDown" ? 1 : -1) + all.length) % Math.max(all.length, 1));
    } else if (event.key === "Enter") {
      event.preventDefault();
      all[current]?.querySelector("a")?.click();
    } else if (event.key === "Escape") {
      // A search field's own Escape only empties it; here Escape closes, as the dialog's hint says.
      event.preventDefault();
      dialog.close();
    }
  });
  list.addEventListener("click", (event) => {
    if ((event.target as Element).closest("a")) dialog.close();
  });
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog) dialog.close();
  });
  update();
}
