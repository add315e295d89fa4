import type { Page } from "./page.ts";

/**
 * Root-relative Markdown links (`](/docs/x/)`) made absolute on `publicUrl`, outside code
 * blocks, so a page's Markdown read anywhere else (by an assistant) still leads back.
 */
export function absoluteLinks(markdown: string, publicUrl: string): string {
  let fence: string | undefined;
  return markdown
    .split("\n")
    .map((line) => {
      const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
      if (marker && (fence === undefined || marker.startsWith(fence))) {
        fence = fence === undefined ? marker : undefined;
        return line;
      }
      return fence === undefined ? line.replace(/\]\(\/(?!\/)/g, `](${publicUrl}/`) : line;
    })
    .join("\n");
}

/** A page's Markdown twin as served: its links absolute when the site has a public URL. */
export function twinMarkdown(page: Page, publicUrl: string | undefined): string {
  return publicUrl ? absoluteLinks(page.markdown, publicUrl) : page.markdown;
}
