import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { App, AppConfig } from "chirp";

// Every HTML snippet in the docs goes through the contract checker's markup rules.
// A snippet that shows a mistake on purpose names the rule it breaks in its fence
// (```html reports="sse-inherited-target"), and must break exactly that one.
const ROOT = path.resolve(import.meta.dirname, "../..");
const DOCS = path.join(ROOT, "content/docs");
const scratch = mkdtempSync(path.join(tmpdir(), "chirp-snippets-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Rules that need the app's routes, which a snippet does not come with. */
const NEED_ROUTES = new Set(["unknown-route"]);

function markdownFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? markdownFiles(path.join(folder, entry.name)) : entry.name.endsWith(".md") ? [path.join(folder, entry.name)] : [],
  );
}

const snippets = markdownFiles(DOCS).flatMap((file) =>
  [...readFileSync(file, "utf8").matchAll(/^```html([^\n]*)\n([\s\S]*?)^```$/gm)].map((match, index) => ({
    name: `${path.relative(DOCS, file)} #${index + 1}`,
    reports: /\breports="([^"]*)"/.exec(match[1]!)?.[1]?.split(/\s+/) ?? [],
    html: match[2]!,
  })),
);

it("finds the docs' HTML snippets", () => {
  expect(snippets.length).toBeGreaterThan(5);
});

it.each(snippets)("$name passes the checker's markup rules", async ({ name, reports, html }) => {
  const folder = mkdtempSync(path.join(scratch, "snippet-"));
  writeFileSync(path.join(folder, "snippet.html"), html);
  const app = new App({ config: new AppConfig({ templateDir: folder, sseCloseEvent: "close" }) });
  const { issues } = await app.check({ root: folder });
  const found = issues.filter((issue) => !NEED_ROUTES.has(issue.rule));
  expect([...new Set(found.map((issue) => issue.rule))], `${name}: ${found.map((issue) => issue.message).join("\n")}`).toEqual(reports);
});
