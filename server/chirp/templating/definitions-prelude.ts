import type nunjucks from "nunjucks";
import { compileRoot, parseTemplate, type CompiledTemplate, type RenderFunction } from "./nunjucks-internals.ts";

/**
 * What rendering one block alone must run of a template's top level: only its
 * definitions (`set`, `import`, `from … import`, `macro`), compiled into a root
 * that outputs nothing, and the name of the layout it extends, if any.
 */
export interface DefinitionsPrelude {
  run: RenderFunction;
  /** Whether the template has definitions at all: without, `run` does nothing. */
  defines: boolean;
  extends: string | undefined;
}

/** A parsed Nunjucks node, as far as this file reads it. */
interface TemplateNode {
  typename: string;
  fields: string[];
  children?: TemplateNode[];
  template?: TemplateNode & { value?: unknown };
  [field: string]: unknown;
}

const DEFINITIONS = new Set(["Set", "Import", "FromImport", "Macro"]);

/** True when `node` (a block's body aside) holds a definition somewhere inside. */
function holdsDefinition(node: unknown): boolean {
  if (!node || typeof node !== "object") return false;
  if (Array.isArray(node)) return node.some(holdsDefinition);
  const { typename, fields } = node as TemplateNode;
  if (typename === "Block") return false;
  if (DEFINITIONS.has(typename)) return true;
  return (fields ?? []).some((field) => holdsDefinition((node as TemplateNode)[field]));
}

const cache = new WeakMap<CompiledTemplate, DefinitionsPrelude | null>();

/**
 * The definitions-only prelude of `template`, compiled once per compiled template;
 * `undefined` when one cannot be cut out (a definition inside a top-level `if` or
 * loop, a computed `extends`): then the template's whole top level has to run.
 */
export function definitionsOf(template: CompiledTemplate, env: nunjucks.Environment): DefinitionsPrelude | undefined {
  let prelude = cache.get(template);
  if (prelude === undefined) {
    prelude = compileDefinitions(template, env);
    cache.set(template, prelude);
  }
  return prelude ?? undefined;
}

function compileDefinitions(template: CompiledTemplate, env: nunjucks.Environment): DefinitionsPrelude | null {
  const root = parseTemplate(template.tmplStr, env) as TemplateNode;
  const children = root.children ?? [];
  let parent: string | undefined;
  for (const node of children) {
    if (node.typename === "Extends") {
      if (node.template?.typename !== "Literal" || typeof node.template.value !== "string") return null;
      parent = node.template.value;
    } else if (!DEFINITIONS.has(node.typename) && holdsDefinition(node)) {
      return null;
    }
  }
  root.children = children.filter((node) => DEFINITIONS.has(node.typename));
  return { run: compileRoot(root, template.path, env), defines: root.children.length > 0, extends: parent };
}
