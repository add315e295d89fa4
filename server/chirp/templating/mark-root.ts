import { parseFragment, type DefaultTreeAdapterTypes } from "parse5";
import { escapeHtml } from "../escape-html.ts";

type Element = DefaultTreeAdapterTypes.Element;

/** The one element a rendered block consists of, with where its start tag's name ends. */
export interface RootElement {
  id: string | undefined;
  /** Offset in the HTML just after the tag name, where attributes can be added. */
  insertAt: number;
  hasAttribute(name: string): boolean;
}

/**
 * Finds the single root element of rendered block HTML; comments and whitespace
 * around it are allowed. Throws, naming `where`, when the block is not one element.
 */
export function rootElement(html: string, where: string): RootElement {
  const nodes = parseFragment(html, { sourceCodeLocationInfo: true }).childNodes;
  const elements = nodes.filter((node): node is Element => "tagName" in node);
  const text = nodes.some((node) => node.nodeName === "#text" && "value" in node && node.value.trim() !== "");
  if (elements.length !== 1 || text) {
    const found = elements.length === 0 ? "no element" : elements.length > 1 ? `${elements.length} elements` : "text beside its element";
    throw new TypeError(`${where} must render exactly one root element to be swapped by id, but it renders ${found}`);
  }
  const [root] = elements as [Element];
  const start = root.sourceCodeLocation?.startTag?.startOffset ?? html.indexOf(`<${root.tagName}`);
  return {
    id: root.attrs.find((attribute) => attribute.name === "id")?.value,
    insertAt: start + 1 + root.tagName.length,
    hasAttribute: (name) => root.attrs.some((attribute) => attribute.name === name),
  };
}

/** Adds `name="value"` to the root element of rendered block HTML (see {@link rootElement}). */
export function addRootAttribute(html: string, name: string, value: string, where: string): string {
  const root = rootElement(html, where);
  if (root.hasAttribute(name)) throw new TypeError(`${where} already has a ${name} attribute on its root element; let chirp set it`);
  return `${html.slice(0, root.insertAt)} ${name}="${escapeHtml(value)}"${html.slice(root.insertAt)}`;
}
