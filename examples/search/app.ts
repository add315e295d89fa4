import { App, AppConfig, Page, isMain } from "chirp";
import { ELEMENTS } from "./elements.ts";

export const app = new App({ config: new AppConfig({ templateDir: new URL("./templates", import.meta.url) }) });

/** The elements whose name or symbol contains `q`, ignoring case. */
function find(q: string) {
  const needle = q.trim().toLowerCase();
  if (!needle) return [];
  return ELEMENTS.filter((element) => element.name.toLowerCase().includes(needle) || element.symbol.toLowerCase() === needle);
}

app.route("/", () => new Page("search.html", "results", { q: "", results: [] }));

// One route for both: a visit (or a reload, or htmx restoring history) gets the whole page,
// the htmx request made while typing gets only the "results" block.
app.route("/search", (req) => {
  const q = typeof req.query.q === "string" ? req.query.q : "";
  return new Page("search.html", "results", { q, results: find(q) });
});

if (isMain(import.meta)) app.run();
