import type { Files } from "./api.ts";

/**
 * The page's Markdown (its LLM text) with the edited files in place of the
 * originals it inlines; an edited file the page does not inline is appended.
 */
export function withEditedFiles(markdown: string, original: Files, edited: Files): string {
  let text = markdown;
  const appended: string[] = [];
  for (const [file, content] of Object.entries(edited)) {
    const before = original[file];
    if (before === content) continue;
    const inlined = before === undefined ? undefined : [before, before.trimEnd()].find((variant) => variant && text.includes(variant));
    if (inlined === undefined) appended.push(`### ${file}\n\n\`\`\`${file.split(".").pop()}\n${content.trimEnd()}\n\`\`\`\n`);
    else text = text.split(inlined).join(inlined === before ? content : content.trimEnd());
  }
  return appended.length ? `${text.trimEnd()}\n\n## Edited files\n\n${appended.join("\n")}` : text;
}
