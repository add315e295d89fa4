/** A `{% block name %}…{% endblock %}` of a template: where its opening tag starts and its closing tag ends. */
export interface BlockSite {
  name: string;
  start: number;
  end: number;
}

const BLOCK_TAGS = /\{%-?\s*(block|endblock)\b\s*(\w*)[\s\S]*?%\}/g;
const EXTENDS_TAG = /\{%-?\s*extends\s+(["'])([^"']+)\1\s*-?%\}/;

/** The blocks of a template's text, in the order they open; an unclosed block runs to the end. */
export function blockSites(text: string): BlockSite[] {
  const sites: BlockSite[] = [];
  const open: BlockSite[] = [];
  for (const match of text.matchAll(BLOCK_TAGS)) {
    if (match[1] === "block") {
      const site = { name: match[2] ?? "", start: match.index, end: text.length };
      sites.push(site);
      open.push(site);
    } else {
      const site = open.pop();
      if (site) site.end = match.index + match[0].length;
    }
  }
  return sites;
}

/** The template named by a literal `{% extends "name" %}`, if any. */
export function extendedTemplate(text: string): string | undefined {
  return EXTENDS_TAG.exec(text)?.[2];
}
