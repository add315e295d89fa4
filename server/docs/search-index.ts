import MiniSearch from "minisearch";
import { SEARCH_OPTIONS, type SearchDocument } from "../../common/search-options.ts";
import type { Site } from "./site.ts";

/** The client-side search index as JSON: one document per heading of every page. */
export function searchIndex(site: Site): string {
  const index = new MiniSearch<SearchDocument>(SEARCH_OPTIONS);
  for (const page of site.pages) {
    const section = site.navigation.sections.find((candidate) => candidate.key === page.section)?.title ?? "";
    index.addAll(
      page.sections.map((part) => ({
        id: `${page.url}#${part.id}`,
        title: page.title,
        heading: part.heading,
        url: part.id ? `${page.url}#${part.id}` : page.url,
        section,
        text: part.text,
      })),
    );
  }
  return JSON.stringify(index);
}
