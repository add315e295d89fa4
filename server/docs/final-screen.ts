import { parse, parseFragment, serialize, type DefaultTreeAdapterMap } from "parse5";
import type { Frame } from "../../common/playground-protocol.ts";

type Node = DefaultTreeAdapterMap["node"];
type Element = DefaultTreeAdapterMap["element"];
type ParentNode = DefaultTreeAdapterMap["parentNode"];

const isElement = (node: Node): node is Element => "tagName" in node;
const attribute = (element: Element, name: string) => element.attrs.find((attr) => attr.name === name)?.value;

/** Every element under `root` (itself included), in document order. */
function elements(root: ParentNode): Element[] {
  const found: Element[] = [];
  const visit = (node: Node) => {
    if (isElement(node)) found.push(node);
    if ("childNodes" in node) node.childNodes.forEach(visit);
    if ("content" in node) visit((node as DefaultTreeAdapterMap["template"]).content);
  };
  visit(root);
  return found;
}

/** The `sse-connect` URLs of a page (htmx 2's SSE extension), in document order. */
export function sseConnections(html: string): string[] {
  return elements(parse(html)).flatMap((element) => attribute(element, "sse-connect") ?? []);
}

/** The swap style htmx uses for `element`: its own or its nearest ancestor's `hx-swap`, default innerHTML. */
function swapStyle(element: Element): string {
  for (let node: ParentNode | null = element; node && isElement(node); node = node.parentNode) {
    const value = attribute(node, "hx-swap");
    if (value) return value.trim().split(/\s+/)[0]!;
  }
  return "innerHTML";
}

/** Puts `nodes` into `parent` at `index`, adopting them. */
function insert(parent: ParentNode, index: number, nodes: Node[]): void {
  for (const node of nodes) (node as { parentNode: ParentNode | null }).parentNode = parent;
  parent.childNodes.splice(index, 0, ...(nodes as DefaultTreeAdapterMap["childNode"][]));
}

/** Swaps `html` into `target` the way htmx does for the styles a page commonly uses; others leave it as it is. */
function swap(target: Element, style: string, html: string): void {
  const nodes = parseFragment(target, html, {}).childNodes as Node[];
  const parent = target.parentNode;
  const at = parent ? parent.childNodes.indexOf(target) : -1;
  if (style === "innerHTML") target.childNodes = [];
  if (style === "innerHTML" || style === "beforeend") insert(target, target.childNodes.length, nodes);
  else if (style === "afterbegin") insert(target, 0, nodes);
  else if (parent && style === "beforebegin") insert(parent, at, nodes);
  else if (parent && style === "afterend") insert(parent, at + 1, nodes);
  else if (parent && style === "outerHTML") {
    parent.childNodes.splice(at, 1);
    insert(parent, at, nodes);
  } else if (parent && style === "delete") parent.childNodes.splice(at, 1);
}

/** Removes `node` from its parent. */
function remove(node: Element): void {
  const siblings = node.parentNode?.childNodes;
  siblings?.splice(siblings.indexOf(node), 1);
}

/**
 * Puts in place the blocks a `Suspense` page streamed after its shell: each
 * `<template data-chirp-swap="id">` takes the place of the element with that id, as
 * the script sent beside it would have done.
 */
function placeStreamedBlocks(document: ParentNode): void {
  for (const template of elements(document).filter((element) => element.tagName === "template" && attribute(element, "data-chirp-swap"))) {
    const id = attribute(template, "data-chirp-swap");
    const old = elements(document).find((element) => element !== template && attribute(element, "id") === id);
    if (old) swap(old, "outerHTML", serialize((template as DefaultTreeAdapterMap["template"]).content));
    remove(template);
  }
}

/** A colour scheme a screen is drawn in. */
export type ColorScheme = "light" | "dark";

/** Media conditions that always and never hold (every frame is at least 0 px wide). */
const ALWAYS = "(min-width: 0px)";
const NEVER = "(not (min-width: 0px))";

/** Both schemes, in either order, as `color-scheme` names them. */
const BOTH = /light\s+dark|dark\s+light/i;

/** `css` in `scheme` alone: its `prefers-color-scheme` conditions decided, its `color-scheme: light dark` narrowed to `scheme`. */
function pinnedCss(css: string, scheme: ColorScheme): string {
  return css
    .replace(/\(\s*prefers-color-scheme\s*:\s*(light|dark)\s*\)/gi, (_, wanted: string) => (wanted.toLowerCase() === scheme ? ALWAYS : NEVER))
    .replace(new RegExp(`(color-scheme\\s*:\\s*)(${BOTH.source})`, "gi"), `$1${scheme}`);
}

/**
 * Pins the page to `scheme`: in its styles, its `media` attributes and its
 * `color-scheme` meta. A frame's `prefers-color-scheme` follows the system, never
 * the theme of the page around it, so a page that offers both schemes is drawn in
 * each beforehand, and the docs page shows the one of its theme.
 */
function pinColorScheme(document: ParentNode, scheme: ColorScheme): void {
  for (const element of elements(document)) {
    const media = element.attrs.find((attr) => attr.name === "media");
    if (media) media.value = pinnedCss(media.value, scheme);
    const meta = element.tagName === "meta" && attribute(element, "name") === "color-scheme" ? element.attrs.find((attr) => attr.name === "content") : undefined;
    if (meta) meta.value = meta.value.replace(BOTH, scheme);
    if (element.tagName !== "style") continue;
    for (const text of element.childNodes as DefaultTreeAdapterMap["textNode"][]) if (text.nodeName === "#text") text.value = pinnedCss(text.value, scheme);
  }
}

/**
 * The screen the page `html` leaves once it has loaded and `frames` arrived, in `scheme`
 * (see {@link pinColorScheme}): the blocks a streamed page sent later put in place, then
 * each event's data swapped into every element whose `sse-swap` names it, with that
 * element's `hx-swap` style, in order. Scripts are removed: the result is a picture of
 * the screen, not a page that runs.
 */
export function finalScreen(html: string, frames: Frame[], scheme: ColorScheme): string {
  const document = parse(html);
  pinColorScheme(document, scheme);
  placeStreamedBlocks(document);
  for (const frame of frames) {
    if (frame.kind !== "event") continue;
    const targets = elements(document).filter((element) => (attribute(element, "sse-swap") ?? "").split(",").some((name) => name.trim() === frame.event));
    for (const target of targets) swap(target, swapStyle(target), frame.data ?? "");
  }
  for (const script of elements(document).filter((element) => element.tagName === "script")) remove(script);
  return serialize(document);
}
