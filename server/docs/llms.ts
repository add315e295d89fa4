import { twinMarkdown } from "./public-links.ts";
import type { Site } from "./site.ts";

/**
 * `/llms.txt` in the llmstxt.org format: `# title`, `> summary`, then one `## section`
 * per sidebar group listing `- [title](page.md): description`. The links are absolute on
 * `publicUrl` when the site has one.
 */
export function llmsTxt(site: Site, publicUrl?: string): string {
  const home = site.find("/");
  const lines = [`# ${home?.title ?? "chirp"}`, "", `> ${home?.description ?? ""}`, ""];
  lines.push("Every link below is a page's Markdown twin, with the example files it shows inlined. `/llms-full.txt` holds all of them in one file.", "");
  for (const section of site.navigation.sections) {
    lines.push(`## ${section.title}`, "");
    for (const page of section.index ? [section.index, ...section.pages] : section.pages) {
      lines.push(`- [${page.title}](${publicUrl ?? ""}${page.mdUrl})${page.description ? `: ${page.description}` : ""}`);
    }
    lines.push("");
  }
  return lines.join("\n");
}

/** `/llms-full.txt`: every page's Markdown twin in reading order, each after a comment naming its URL. */
export function llmsFullTxt(site: Site, publicUrl?: string): string {
  return site.pages.map((page) => `<!-- ${publicUrl ?? ""}${page.url} -->\n${twinMarkdown(page, publicUrl)}`).join("\n---\n\n");
}
