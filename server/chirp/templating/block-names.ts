import type nunjucks from "nunjucks";
import { parseTemplate } from "./nunjucks-internals.ts";

/** A parsed Nunjucks node, as far as this file reads it. */
interface TemplateNode {
  typename: string;
  fields?: string[];
  children?: TemplateNode[];
  value?: unknown;
  name?: TemplateNode;
  [field: string]: unknown;
}

/** The blocks a template defines and its `extends` target, with the names each block reads. */
export interface BlockNames {
  /** Per block, the context names its own body mentions (blocks nested in it not included). */
  blocks: Map<string, Set<string>>;
  /** The layout the template extends, when it is a string literal. */
  extends: string | undefined;
}

function collect(node: unknown, into: Set<string>, found: BlockNames): void {
  if (!node || typeof node !== "object") return;
  if (Array.isArray(node)) {
    for (const child of node) collect(child, into, found);
    return;
  }
  const templateNode = node as TemplateNode;
  if (templateNode.typename === "Block" && typeof templateNode.name?.value === "string") {
    const own = new Set<string>();
    found.blocks.set(templateNode.name.value, own);
    collect(templateNode.body, own, found);
    return;
  }
  if (templateNode.typename === "Extends") {
    const target = templateNode.template as TemplateNode | undefined;
    if (target?.typename === "Literal" && typeof target.value === "string") found.extends = target.value;
  }
  if (templateNode.typename === "Symbol" && typeof templateNode.value === "string") into.add(templateNode.value);
  // A filter's name is no context name: read only its arguments.
  const fields = templateNode.typename === "Filter" ? ["args"] : (templateNode.fields ?? []);
  for (const field of fields) collect(templateNode[field], into, found);
}

/**
 * Reads template source for which context names each `{% block %}` mentions:
 * `{{ revenue.total }}` and `{% if failed.revenue %}` in block `revenue` give
 * `revenue` and `failed`. Loop variables count too: it errs on the side of "used".
 */
export function blockNames(source: string, env: nunjucks.Environment): BlockNames {
  const found: BlockNames = { blocks: new Map(), extends: undefined };
  collect(parseTemplate(source, env), new Set(), found);
  return found;
}
