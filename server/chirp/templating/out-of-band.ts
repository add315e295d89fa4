import { parseFragment, type DefaultTreeAdapterTypes } from "parse5";
import { escapeHtml } from "../escape-html.ts";
import type { Fragment } from "./fragment.ts";

type Element = DefaultTreeAdapterTypes.Element;

/** The one element a rendered block consists of, with where its start tag's name ends. */
export interface RootElement {
  tag: string;
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
    tag: root.tagName,
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

/** The element that may hold table parts when the HTML parser reads them; anything else goes in a `div`. */
const CARRIERS: Record<string, string> = { tr: "tbody", td: "tr", th: "tr", thead: "table", tbody: "table", tfoot: "table", caption: "table", colgroup: "table", col: "colgroup" };

/** The tag of the first element in `html`, lower-cased. */
function firstTag(html: string): string | undefined {
  return /<([a-z][a-z0-9-]*)/i.exec(html.replace(/<!--[^]*?-->/g, ""))?.[1]?.toLowerCase();
}

/**
 * Marks rendered block HTML to be swapped out of band by htmx, which swaps an
 * `hx-swap-oob` element itself for `outerHTML` and only its children otherwise:
 * - no `target`: the block's root element, found by its own `id`, gets
 *   `hx-swap-oob="true"` (or the fragment's `swap`, applied to its content);
 * - a `target` with `outerHTML`: the root element gets `outerHTML:#target`;
 * - a `target` with another swap: the whole block goes in a carrier element
 *   (`div`, or the table part that can hold it) marked `<swap>:#target`.
 */
export function markOutOfBand(html: string, fragment: Fragment): string {
  const where = `OOB fragment "${fragment.block}" of ${fragment.template}`;
  const swap = fragment.swap ?? "outerHTML";
  if (fragment.target === undefined) {
    if (rootElement(html, where).id === undefined) throw new TypeError(`${where} has no target and its root element no id; give the element an id or the Fragment a target`);
    return addRootAttribute(html, "hx-swap-oob", fragment.swap ?? "true", where);
  }
  const value = `${swap}:#${fragment.target}`;
  if (swap === "outerHTML") return addRootAttribute(html, "hx-swap-oob", value, where);
  const carrier = CARRIERS[firstTag(html) ?? ""] ?? "div";
  return `<${carrier} hx-swap-oob="${escapeHtml(value)}">${html}</${carrier}>`;
}
