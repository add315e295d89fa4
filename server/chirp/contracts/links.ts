import { ASSET_PREFIX } from "../assets.ts";
import type { TemplateAttribute, TemplateElement, TemplateFile } from "./template-scan.ts";

/** Attributes whose URL htmx requests with a fixed method. */
const HTMX_METHODS: Record<string, string> = {
  "hx-get": "GET",
  "hx-post": "POST",
  "hx-put": "PUT",
  "hx-patch": "PATCH",
  "hx-delete": "DELETE",
  "sse-connect": "GET",
  "hx-sse:connect": "GET",
  href: "GET",
  src: "GET",
};

/** Stands for a `{{ expression }}` part of a template URL while it is looked up among the routes: parameters match it, literal text never does. */
const PARAMETER = "\u0000";

/**
 * The path a template URL asks for, ready to look up among the routes: query and
 * fragment dropped, each `{{ expression }}` replaced by {@link PARAMETER}.
 * Undefined when the URL is not a path on this app (external, protocol-relative,
 * a fragment or a URL built entirely by an expression), or when `{% tags %}`
 * build it: those it cannot know.
 */
export function templatePath(value: string, written: string): string | undefined {
  if (written.includes("{%")) return undefined;
  const path = value.trim().replace(/[?#].*$/s, "");
  if (!path.startsWith("/") || path.startsWith("//")) return undefined;
  return path.replace(/\{\{_*\}\}/g, PARAMETER);
}

/** A URL in a template that asks this app for a path. */
export interface TemplateLink {
  template: TemplateFile;
  element: TemplateElement;
  /** The attribute holding the URL (`href`, `hx-post`, `sse-connect`, …). */
  attribute: string;
  method: string;
  /** The path to look up among the routes, `{{ }}` parts as parameters (see {@link templatePath}). */
  path: string;
  /** The attribute as written, for messages. */
  written: string;
  line: number;
}

function link(template: TemplateFile, element: TemplateElement, attribute: string, method: string, at: TemplateAttribute): TemplateLink[] {
  const path = templatePath(at.value, at.written);
  if (path === undefined || path.startsWith(ASSET_PREFIX)) return [];
  return [{ template, element, attribute, method, path, written: at.written, line: at.line }];
}

/** The links of one element: its htmx, `href`, `src` and form `action` URLs. */
function elementLinks(template: TemplateFile, element: TemplateElement): TemplateLink[] {
  const links = Object.entries(HTMX_METHODS).flatMap(([attribute, method]) => {
    const at = element.attributes.get(attribute);
    return at ? link(template, element, attribute, method, at) : [];
  });
  const action = element.attributes.get("action");
  const method = element.attributes.get("method")?.value.trim().toUpperCase();
  if (action && element.tag === "form" && method !== "DIALOG") {
    links.push(...link(template, element, "action", method === "POST" ? "POST" : "GET", action));
  }
  return links;
}

/** Every link in `templates` that points at a path of this app (the framework's own `/_chirp/` files left out). */
export function templateLinks(templates: readonly TemplateFile[]): TemplateLink[] {
  return templates.flatMap((template) => template.elements.flatMap((element) => elementLinks(template, element)));
}
