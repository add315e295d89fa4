/**
 * The parts of Nunjucks that chirp uses beyond its public API, described in one place:
 * compiled render functions, the render context, and how to run them.
 */
import nunjucks from "nunjucks";
import { renderRuntime } from "./render-runtime.ts";
import type { TemplateContext } from "./template.ts";

/** The shape of a compiled Nunjucks block or root render function. */
export type RenderFunction = (
  env: nunjucks.Environment,
  context: NunjucksContext,
  frame: unknown,
  runtime: unknown,
  callback: (error: unknown, output?: string) => void,
) => void;

/** The render context Nunjucks hands to compiled code. */
export interface NunjucksContext {
  /** The variables templates read; a top-level `set`, `import` or `macro` writes to them. */
  ctx: TemplateContext;
  /** The names a template's top level exports to an `import` of it. */
  exported: string[];
  env: nunjucks.Environment & { globals: Record<string, unknown> };
  /** The value of variable `name`: the context's, else the environment's global. */
  lookup(name: string): unknown;
  /** Sets variable `name`: what a top-level `set`, `import` or `macro` does. */
  setVariable(name: string, value: unknown): void;
  /** Exports `name` to an `import` of the template. */
  addExport(name: string): void;
  blocks: Record<string, RenderFunction[]>;
  getBlock(name: string): RenderFunction;
  addBlock(name: string, block: RenderFunction): void;
}

/** A Nunjucks template once compiled. */
export interface CompiledTemplate {
  path: string;
  /** The template's source text. */
  tmplStr: string;
  blocks: Record<string, RenderFunction>;
  rootRenderFunc: RenderFunction;
  compile(): void;
}

type ContextConstructor = new (ctx: TemplateContext, blocks: Record<string, RenderFunction>, env: nunjucks.Environment) => NunjucksContext;

/**
 * Nunjucks keeps its render Context class private. A global function called
 * from a template runs with the context as `this`, which hands us the class.
 */
export const NunjucksContextClass: ContextConstructor = (() => {
  let found: ContextConstructor | undefined;
  const probe = new nunjucks.Environment();
  probe.addGlobal("probe", function (this: NunjucksContext) {
    found = this.constructor as ContextConstructor;
    return "";
  });
  probe.renderString("{{ probe() }}", {});
  if (!found) throw new Error("chirp: could not reach the Nunjucks render context");
  return found;
})();

/** A block that renders nothing. */
export const emptyBlock: RenderFunction = (_env, _context, _frame, _runtime, callback) => callback(null, "");

/** Nunjucks' scope of template variables; compiled code pushes one per block, loop and macro. */
interface Frame {
  topLevel: boolean;
  variables: Record<string, unknown>;
}
const Frame = (nunjucks.runtime as unknown as { Frame: new () => Frame }).Frame;

/** A fresh frame for code at the top level of a template, where `set`s also go to the render context. */
function topFrame(): Frame {
  const frame = new Frame();
  frame.topLevel = true;
  return frame;
}

/**
 * The top-level frame every lone block renders in. A block's code writes only
 * to the frame it pushes, never to this one, so all its renders share it; it is
 * frozen, so that a write would fail the render rather than show in the next one.
 */
export const blockFrame: unknown = (() => {
  const frame = topFrame();
  Object.freeze(frame.variables);
  return Object.freeze(frame);
})();

/**
 * Runs a compiled render function, in a fresh top-level frame unless `frame` is
 * given. Nunjucks calls back at once unless an asynchronous filter or tag is used: then the
 * output comes back as it is, else as a promise. Throws (or rejects) with the render's error.
 */
export function runRender(render: RenderFunction, env: nunjucks.Environment, context: NunjucksContext, frame: unknown = topFrame()): string | Promise<string> {
  let result: { error: unknown; output?: string } | undefined;
  let settle: ((error: unknown, output?: string) => void) | undefined;
  render(env, context, frame, renderRuntime, (error, output) => {
    if (settle) settle(error, output);
    else result = { error, output };
  });
  if (result) {
    if (result.error) throw result.error;
    return result.output ?? "";
  }
  return new Promise((resolve, reject) => (settle = (error, output) => (error ? reject(error) : resolve(output ?? ""))));
}

/** {@link runRender}, always as a promise. */
export async function callRender(render: RenderFunction, env: nunjucks.Environment, context: NunjucksContext): Promise<string> {
  return runRender(render, env, context);
}

/** A node of Nunjucks' syntax tree: where it starts, 0-based. */
interface SyntaxNode {
  lineno: number;
  colno: number;
}

/** The compiler's code generation, as far as chirp extends it. */
interface CompilerPrivate {
  compile(tree: unknown): void;
  getCode(): string;
  _emit(code: string): void;
  compileFilter(node: SyntaxNode, frame: unknown): void;
  compileFilterAsync(node: SyntaxNode, frame: unknown): void;
}

/** What `@types/nunjucks` leaves out: the environment's settings, the parser and the compiler. */
interface NunjucksPrivate {
  parser: { parse(source: string, extensions: unknown[], options: unknown): unknown };
  compiler: { Compiler: { new (name: string, throwOnUndefined?: boolean): CompilerPrivate; prototype: CompilerPrivate } };
}
type EnvironmentPrivate = nunjucks.Environment & { opts: { throwOnUndefined?: boolean }; extensionsList: unknown[] };

/** Parses template source into Nunjucks' syntax tree, with the environment's extensions. */
export function parseTemplate(source: string, env: nunjucks.Environment): unknown {
  const { opts, extensionsList } = env as EnvironmentPrivate;
  return (nunjucks as unknown as NunjucksPrivate).parser.parse(source, extensionsList, opts);
}

/** Compiles a syntax tree into a root render function, as Nunjucks does for a whole template. */
export function compileRoot(tree: unknown, name: string, env: nunjucks.Environment): RenderFunction {
  const compiler = new (nunjucks as unknown as NunjucksPrivate).compiler.Compiler(name, (env as EnvironmentPrivate).opts.throwOnUndefined);
  compiler.compile(tree);
  return (new Function(compiler.getCode())() as { root: RenderFunction }).root;
}

/**
 * Compiled templates keep `lineno` and `colno` up to date so that an error can say
 * where it happened, but Nunjucks updates them only at function calls: an error in
 * a filter (an unknown one, or one that throws) was reported at the start of the
 * enclosing block. Filters note their own place as well.
 */
const compilerPrototype = (nunjucks as unknown as NunjucksPrivate).compiler.Compiler.prototype;
const { compileFilter, compileFilterAsync } = compilerPrototype;
compilerPrototype.compileFilter = function (this: CompilerPrivate, node, frame) {
  this._emit(`(lineno = ${node.lineno}, colno = ${node.colno}, `);
  compileFilter.call(this, node, frame);
  this._emit(")");
};
compilerPrototype.compileFilterAsync = function (this: CompilerPrivate, node, frame) {
  this._emit(`lineno = ${node.lineno}; colno = ${node.colno}; `);
  compileFilterAsync.call(this, node, frame);
};
