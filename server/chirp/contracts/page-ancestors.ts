import path from "node:path";
import type { BlockSite } from "./template-blocks.ts";
import type { TemplateElement, TemplateFile } from "./template-scan.ts";

/** An element and the template it is written in. */
export interface PlacedElement {
  template: TemplateFile;
  element: TemplateElement;
}

/** The template that an `{% extends "name" %}` names: names are relative to the template folder. */
function templateNamed(templates: readonly TemplateFile[], name: string): TemplateFile | undefined {
  const suffix = path.sep + path.normalize(name);
  return templates.find((template) => template.file.endsWith(suffix));
}

/** The outermost block of `template` around the offset `at` (blocks are listed in the order they open). */
function outermostBlock(template: TemplateFile, at: number): BlockSite | undefined {
  return template.blocks.find((block) => block.start <= at && at < block.end);
}

/** The elements of `template` around the offset `at`, nearest first. */
function elementsAround(template: TemplateFile, at: number): TemplateElement[] {
  // In document order a later element that holds `at` sits inside an earlier one.
  return template.elements.filter((element) => element.start < at && at < element.end).reverse();
}

/**
 * The ancestors of `element` in the page a browser gets, nearest first: its parents
 * in its own template, then, where that template extends a layout by a literal name,
 * the layout's elements around the `{% block %}` the element's block fills, and so on
 * up the chain of layouts.
 */
export function* pageAncestors(templates: readonly TemplateFile[], template: TemplateFile, element: TemplateElement): Generator<PlacedElement> {
  let at = element.start;
  for (let parent = element.parent; parent; parent = parent.parent) {
    yield { template, element: parent };
    at = parent.start;
  }
  const seen = new Set([template]);
  for (let child = template; child.extends !== undefined; ) {
    const block = outermostBlock(child, at);
    const layout = templateNamed(templates, child.extends);
    const slot = block && layout && !seen.has(layout) ? layout.blocks.find((site) => site.name === block.name) : undefined;
    if (!layout || !slot) return;
    seen.add(layout);
    at = slot.start;
    for (const around of elementsAround(layout, at)) {
      yield { template: layout, element: around };
      at = around.start;
    }
    child = layout;
  }
}
