import type { Site } from "./site.ts";

/**
 * `/llms.txt` in the llmstxt.org format: `# title`, `> summary`, then one `## section`
 * per sidebar group listing `- [title](page.md): description`.
 */
export function llmsTxt(site: Site): string {
  const home = site.find("/");
  const lines = [`# ${home?.title ?? "chirp"}`, "", `> ${home?.description ?? ""}`, ""];
  lines.push("Every link below is a page's Markdown twin, with the example files it shows inlined. `/llms-full.txt` holds all of them in one file.", "");
  for (const section of site.navigation.sections) {
    lines.push(`## ${section.title}`, "");
    for (const page of section.index ? [section.index, ...section.pages] : section.pages) {
      lines.push(`- [${page.title}](${page.mdUrl})${page.description ? `: ${page.description}` : ""}`);
    }
    lines.push("");
  }
  return lines.join("\n");
}

/** `/llms-full.txt`: every page's Markdown twin in reading order. */
export function llmsFullTxt(site: Site): string {
  return site.pages.map((page) => `<!-- ${page.url} -->\n${page.markdown}`).join("\n---\n\n");
}
