import path from "node:path";
import nunjucks from "nunjucks";
import type { TemplateContext } from "./template.ts";
import { TemplateError } from "./template-error.ts";

/** The shape of a compiled Nunjucks block or root render function. */
type RenderFunction = (
  env: nunjucks.Environment,
  context: NunjucksContext,
  frame: unknown,
  runtime: unknown,
  callback: (error: unknown, output?: string) => void,
) => void;

interface NunjucksContext {
  blocks: Record<string, RenderFunction[]>;
  getBlock(name: string): RenderFunction;
}

interface CompiledTemplate {
  path: string;
  blocks: Record<string, RenderFunction>;
  rootRenderFunc: RenderFunction;
  compile(): void;
}

type ContextConstructor = new (ctx: TemplateContext, blocks: Record<string, RenderFunction>, env: nunjucks.Environment) => NunjucksContext;

/**
 * Nunjucks keeps its render Context class private. A global function called
 * from a template runs with the context as `this`, which hands us the class.
 */
const NunjucksContextClass: ContextConstructor = (() => {
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

const emptyBlock: RenderFunction = (_env, _context, _frame, _runtime, callback) => callback(null, "");

function call(render: RenderFunction, env: nunjucks.Environment, context: NunjucksContext): Promise<string> {
  return new Promise((resolve, reject) => {
    const frame = new (nunjucks.runtime as unknown as { Frame: new () => { topLevel: boolean } }).Frame();
    frame.topLevel = true;
    try {
      render(env, context, frame, nunjucks.runtime, (error, output) => (error ? reject(error) : resolve(output ?? "")));
    } catch (error) {
      reject(error);
    }
  });
}

/** Options of a {@link TemplateEngine}. */
export interface TemplateEngineOptions {
  /** Re-read templates on every render (development); otherwise compile once and cache. */
  reload?: boolean;
}

/**
 * Nunjucks templates from one folder, autoescaped, compiled once and cached:
 * renders whole templates or a single named block.
 */
export class TemplateEngine {
  /** The Nunjucks environment, for adding filters and globals. */
  readonly environment: nunjucks.Environment;
  readonly #dir: string;

  constructor(dir: string, options: TemplateEngineOptions = {}) {
    this.#dir = path.resolve(dir);
    const loader = new nunjucks.FileSystemLoader(this.#dir, { noCache: options.reload ?? false });
    this.environment = new nunjucks.Environment(loader, { autoescape: true });
  }

  /** The folder templates are read from. */
  get dir(): string {
    return this.#dir;
  }

  /** Renders the whole template. */
  async render(name: string, context: TemplateContext = {}): Promise<string> {
    const template = this.#load(name);
    const nunjucksContext = new NunjucksContextClass(context, template.blocks, this.environment);
    try {
      return await call(template.rootRenderFunc, this.environment, nunjucksContext);
    } catch (error) {
      throw this.#error(error, name);
    }
  }

  /**
   * Renders only the block `block` of template `name`. Top-level `set`,
   * `import` and `extends` still take effect, so macros and layout blocks work.
   */
  async renderBlock(name: string, block: string, context: TemplateContext = {}): Promise<string> {
    const template = this.#load(name);
    const nunjucksContext = await this.#prepare(template, context);
    if (!nunjucksContext.context.blocks[block]) {
      const available = Object.keys(nunjucksContext.context.blocks);
      throw new TemplateError(
        `no block "${block}" in template "${name}"; its blocks are: ${available.join(", ") || "(none)"}`,
        this.#locate(name),
        { cause: nunjucksContext.preludeError },
      );
    }
    try {
      return await call(nunjucksContext.context.getBlock(block), this.environment, nunjucksContext.context);
    } catch (error) {
      throw this.#error(error, name);
    }
  }

  /** Names of the blocks template `name` can render, its layouts' included. */
  async blocks(name: string): Promise<string[]> {
    const { context } = await this.#prepare(this.#load(name), {});
    return Object.keys(context.blocks);
  }

  /**
   * Runs the template's top level with every block stubbed out: this collects
   * top-level variables and the blocks of the whole `extends` chain.
   */
  async #prepare(template: CompiledTemplate, context: TemplateContext) {
    const nunjucksContext = new NunjucksContextClass(context, template.blocks, this.environment);
    const ownGetBlock = nunjucksContext.getBlock;
    nunjucksContext.getBlock = () => emptyBlock;
    let preludeError: unknown;
    try {
      await call(template.rootRenderFunc, this.environment, nunjucksContext);
    } catch (error) {
      preludeError = error;
    }
    nunjucksContext.getBlock = ownGetBlock;
    return { context: nunjucksContext, preludeError };
  }

  #load(name: string): CompiledTemplate {
    try {
      const template = this.environment.getTemplate(name, true) as unknown as CompiledTemplate;
      return template;
    } catch (error) {
      if (error instanceof Error && error.message.startsWith("template not found")) {
        throw new TemplateError(`template "${name}" not found in ${this.#dir}`, { template: name }, { cause: error });
      }
      throw this.#error(error, name, "compile");
    }
  }

  /** Names a template relative to the folder, with its file when it lies inside. */
  #locate(name: string): { template: string; file?: string } {
    const file = path.resolve(this.#dir, name);
    if (!file.startsWith(this.#dir + path.sep)) return { template: name };
    return { template: path.relative(this.#dir, file).split(path.sep).join("/"), file };
  }

  #error(error: unknown, name: string, phase: "compile" | "render" = "render"): TemplateError {
    return TemplateError.fromNunjucks(error, name, (template) => this.#locate(template), phase);
  }
}
