/**
 * The search index settings, shared by the server that builds the index and the
 * browser that loads it (MiniSearch needs the same options on both sides).
 */
export const SEARCH_OPTIONS = {
  fields: ["title", "heading", "text"],
  storeFields: ["title", "heading", "url", "section", "text"],
  searchOptions: { boost: { title: 3, heading: 2 }, prefix: true, fuzzy: 0.15 },
};

/** One searchable stretch of a page, as stored in the index. */
export interface SearchDocument {
  id: string;
  title: string;
  heading: string;
  url: string;
  section: string;
  text: string;
}
