import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse, parseFragment, type DefaultTreeAdapterTypes } from "parse5";
import { maskNunjucks } from "./nunjucks-mask.ts";
import { blockSites, extendedTemplate, type BlockSite } from "./template-blocks.ts";

/** The attributes that open a stream: htmx 2's SSE extension, and htmx 4's `hx-sse`. */
export const CONNECT_ATTRIBUTES = ["sse-connect", "hx-sse:connect"] as const;

/** The attribute with which `element` opens a stream, if it does. */
export function connectAttribute(element: TemplateElement): (typeof CONNECT_ATTRIBUTES)[number] | undefined {
  return CONNECT_ATTRIBUTES.find((name) => element.attributes.has(name));
}

type Node = DefaultTreeAdapterTypes.Node;
type Element = DefaultTreeAdapterTypes.Element;

/** Files in the template folder read as HTML templates. */
const TEMPLATE_EXTENSIONS = new Set([".html", ".htm", ".njk", ".nunjucks", ".jinja", ".jinja2", ".j2"]);

/** An attribute as written in a template. */
export interface TemplateAttribute {
  /** The value as the HTML parser reads it, `{{ expressions }}` masked as `{{___}}` and `{% tags %}` as spaces. */
  value: string;
  /** The value as written in the template (entities and Nunjucks syntax untouched), for messages. */
  written: string;
  line: number;
}

/** An element of a template, with what the contract rules need to know about it. */
export interface TemplateElement {
  tag: string;
  /** Attributes by name; htmx's `data-` spellings (`data-hx-get`, `data-sse-swap`) are filed under the plain name. */
  attributes: ReadonlyMap<string, TemplateAttribute>;
  line: number;
  /** Where it starts and ends in the template's text (offsets, end tag included). */
  start: number;
  end: number;
  /** The enclosing element in the same template, if any. */
  parent: TemplateElement | undefined;
  /** The nearest ancestor carrying `sse-connect` or `hx-sse:connect` (the element itself is never its own source). */
  source: TemplateElement | undefined;
}

/** One template file, read with an HTML parser. */
export interface TemplateFile {
  /** Absolute path. */
  file: string;
  /** Every element, in document order, whichever `{% if %}` branch or `{% block %}` it sits in. */
  elements: TemplateElement[];
  /** Its `{% block %}` tags, in document order. */
  blocks: BlockSite[];
  /** The template its `{% extends "…" %}` names, if it extends one by a literal name. */
  extends: string | undefined;
}

function attributeName(name: string): string {
  return /^data-(hx|sse)-/.test(name) ? name.slice("data-".length) : name;
}

/** The value part of a written attribute (`name = "value"`), quotes removed. */
function writtenValue(raw: string, name: string): string {
  const rest = raw.slice(name.length).replace(/^\s*=\s*/, "");
  const quote = rest[0];
  return quote === '"' || quote === "'" ? rest.slice(1, rest.endsWith(quote) && rest.length > 1 ? -1 : undefined) : rest;
}

function readElement(node: Element, template: string, parent: TemplateElement | undefined, source: TemplateElement | undefined): TemplateElement {
  const location = node.sourceCodeLocation;
  const attributes = new Map<string, TemplateAttribute>();
  for (const attribute of node.attrs) {
    const where = location?.attrs?.[attribute.name];
    const written = where ? writtenValue(template.slice(where.startOffset, where.endOffset), attribute.name) : attribute.value;
    attributes.set(attributeName(attribute.name), { value: attribute.value, written, line: where?.startLine ?? location?.startLine ?? 1 });
  }
  return { tag: node.tagName, attributes, line: location?.startLine ?? 1, start: location?.startOffset ?? 0, end: location?.endOffset ?? template.length, parent, source };
}

function collect(node: Node, template: string, parent: TemplateElement | undefined, source: TemplateElement | undefined, into: TemplateElement[]): void {
  let [innerParent, innerSource] = [parent, source];
  if ("tagName" in node) {
    const element = readElement(node, template, parent, source);
    into.push(element);
    innerParent = element;
    if (connectAttribute(element)) innerSource = element;
    if ("content" in node) collect(node.content, template, innerParent, innerSource, into);
  }
  if ("childNodes" in node) {
    for (const child of node.childNodes) collect(child, template, innerParent, innerSource, into);
  }
}

/**
 * Reads one template: Nunjucks syntax masked (positions kept), then parsed as
 * HTML with source locations. A whole page (`<!doctype>` or `<html>`) is parsed
 * as a document, anything else as a fragment, so partials such as table rows survive.
 */
export function readTemplate(file: string, text: string): TemplateFile {
  const masked = maskNunjucks(text);
  const options = { sourceCodeLocationInfo: true };
  const tree = /^\s*<(!doctype|html)/i.test(masked) ? parse(masked, options) : parseFragment(masked, options);
  const elements: TemplateElement[] = [];
  collect(tree, text, undefined, undefined, elements);
  return { file, elements, blocks: blockSites(text), extends: extendedTemplate(text) };
}

function templateFiles(dir: string, skip: readonly string[]): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true, recursive: true });
  } catch {
    return [];
  }
  return entries
    .filter((entry) => entry.isFile() && !entry.name.startsWith(".") && TEMPLATE_EXTENSIONS.has(path.extname(entry.name).toLowerCase()))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !skip.some((folder) => file.startsWith(path.join(dir, folder) + path.sep)))
    .sort();
}

/** Reads every template under `dir` (an app's template folder) but those in its `skip` subfolders; none when the folder does not exist. */
export function readTemplates(dir: string, skip: readonly string[] = []): TemplateFile[] {
  return templateFiles(dir, skip).map((file) => readTemplate(file, readFileSync(file, "utf8")));
}
