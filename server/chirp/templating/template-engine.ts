import path from "node:path";
import { existsSync } from "node:fs";
import nunjucks from "nunjucks";
import { blockNames } from "./block-names.ts";
import { htmxScripts } from "../assets.ts";
import type { HtmxVersion } from "../htmx-version.ts";
import { planBlock, renderPlanned, type BlockPlan } from "./block-plan.ts";
import { definitionsOf } from "./definitions-prelude.ts";
import { callRender, emptyBlock, NunjucksContextClass, runRender, type CompiledTemplate, type NunjucksContext, type RenderFunction } from "./nunjucks-internals.ts";
import type { TemplateContext } from "./template.ts";
import { TemplateError } from "./template-error.ts";

/** Options of a {@link TemplateEngine}. */
export interface TemplateEngineOptions {
  /** Re-read templates on every render (development); otherwise compile once and cache. */
  reload?: boolean;
  /**
   * The htmx the pages run. Templates in the folder's `htmx2/` or `htmx4/` subfolder
   * (the one for this version) take the place of same-named ones, and the globals
   * `htmx` (the version) and `htmx_scripts` (its `<script>` tags) are set. Default 2.
   */
  htmx?: HtmxVersion;
}

/** The subfolder of a template folder whose templates win for htmx `version`. */
export function htmxFolder(version: HtmxVersion): string {
  return `htmx${version}`;
}

/**
 * Nunjucks templates from one folder, autoescaped, compiled once and cached:
 * renders whole templates or a single named block.
 */
export class TemplateEngine {
  /** The Nunjucks environment, for adding filters and globals. */
  readonly environment: nunjucks.Environment;
  readonly #dir: string;
  /** Where names are looked up, first match winning: the htmx version's subfolder, then the folder. */
  readonly #searchPath: readonly string[];
  readonly #reload: boolean;
  /** Block plans by template name and block name; `null` where there is none. */
  readonly #plans = new Map<string, Map<string, BlockPlan | null>>();

  constructor(dir: string, options: TemplateEngineOptions = {}) {
    const htmx = options.htmx ?? 2;
    this.#dir = path.resolve(dir);
    this.#searchPath = [path.join(this.#dir, htmxFolder(htmx)), this.#dir];
    this.#reload = options.reload ?? false;
    const loader = new nunjucks.FileSystemLoader([...this.#searchPath], { noCache: this.#reload });
    this.environment = new nunjucks.Environment(loader, { autoescape: true });
    this.environment.addGlobal("htmx", htmx);
    this.environment.addGlobal("htmx_scripts", new nunjucks.runtime.SafeString(htmxScripts(htmx)));
  }

  /** The folder templates are read from. */
  get dir(): string {
    return this.#dir;
  }

  /** The file template `name` loads from (its htmx subfolder first), or undefined when there is none. */
  resolve(name: string): string | undefined {
    return this.#searchPath.map((folder) => path.resolve(folder, name)).find((file) => file.startsWith(this.#dir + path.sep) && existsSync(file));
  }

  /** Renders the whole template. */
  async render(name: string, context: TemplateContext = {}): Promise<string> {
    return this.renderNow(name, context);
  }

  /**
   * Renders the whole template as `render` does, but returns the HTML itself when
   * nothing in the templates waits (no asynchronous filter or tag), so a page makes
   * no promise. Throws, or rejects, with a `TemplateError`.
   */
  renderNow(name: string, context: TemplateContext = {}): string | Promise<string> {
    const template = this.#load(name);
    const nunjucksContext = new NunjucksContextClass(context, template.blocks, this.environment);
    return this.#settled(() => runRender(template.rootRenderFunc, this.environment, nunjucksContext), name);
  }

  /**
   * Renders only the block `block` of template `name`. Top-level `set`,
   * `import` and `extends` still take effect, so macros and layout blocks work.
   */
  async renderBlock(name: string, block: string, context: TemplateContext = {}): Promise<string> {
    return this.renderBlockNow(name, block, context);
  }

  /**
   * Renders a block as `renderBlock` does, but returns the HTML itself when nothing
   * in the templates waits (no asynchronous filter or tag), so a stream of ready
   * fragments makes no promise per event. What the block needs of its template
   * chain is worked out once per template and block (each time when templates reload).
   * Throws, or rejects, with a `TemplateError`.
   */
  renderBlockNow(name: string, block: string, context: TemplateContext = {}): string | Promise<string> {
    const plan = this.#plan(name, block);
    if (!plan) return this.#renderBlockPrepared(name, block, context);
    return this.#settled(() => renderPlanned(plan, context, this.environment), name);
  }

  /** Runs a render of template `name`, its error (thrown or rejected) turned into a `TemplateError`. */
  #settled(render: () => string | Promise<string>, name: string): string | Promise<string> {
    try {
      const html = render();
      return typeof html === "string" ? html : html.catch((error: unknown) => Promise.reject(this.#error(error, name)));
    } catch (error) {
      throw this.#error(error, name);
    }
  }

  /** The block plan of `name` and `block`, cached unless templates reload; undefined where `#prepare` has to run instead. */
  #plan(name: string, block: string): BlockPlan | undefined {
    const cached = this.#plans.get(name)?.get(block);
    if (cached !== undefined) return cached ?? undefined;
    const plan = planBlock(this.#load(name), block, (layout) => this.#load(layout), this.environment);
    if (!this.#reload) {
      const byBlock = this.#plans.get(name) ?? new Map<string, BlockPlan | null>();
      byBlock.set(block, plan ?? null);
      this.#plans.set(name, byBlock);
    }
    return plan;
  }

  /** Renders a block in a context prepared for this one call; says which blocks there are when it is missing. */
  async #renderBlockPrepared(name: string, block: string, context: TemplateContext): Promise<string> {
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
      return await callRender(nunjucksContext.context.getBlock(block), this.environment, nunjucksContext.context);
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
   * For each block template `name` can render (its layouts' included, its own
   * winning), the context names the block's body reads.
   */
  namesByBlock(name: string): Map<string, Set<string>> {
    const names = new Map<string, Set<string>>();
    const seen = new Set<string>();
    for (let link: string | undefined = name; link !== undefined && !seen.has(link); ) {
      seen.add(link);
      const found = blockNames(this.#load(link).tmplStr, this.environment);
      for (const [block, used] of found.blocks) if (!names.has(block)) names.set(block, used);
      link = found.extends;
    }
    return names;
  }

  /**
   * Makes the context a lone block renders in: the blocks of the whole `extends`
   * chain and the top-level definitions of each template in it (see
   * `definitionsOf`), or, where those cannot be cut out, the whole top level run
   * with every block stubbed out.
   */
  async #prepare(template: CompiledTemplate, context: TemplateContext): Promise<{ context: NunjucksContext; preludeError?: unknown }> {
    const nunjucksContext = new NunjucksContextClass(context, template.blocks, this.environment);
    const chain: { template: CompiledTemplate; run: RenderFunction }[] = [];
    for (let link: CompiledTemplate | undefined = template; link; ) {
      const prelude = definitionsOf(link, this.environment);
      if (!prelude) return this.#prepareWhole(template, context);
      chain.push({ template: link, run: prelude.run });
      link = prelude.extends === undefined ? undefined : this.#load(prelude.extends);
    }
    for (const { template: layout } of chain.slice(1)) {
      for (const [name, block] of Object.entries(layout.blocks)) nunjucksContext.addBlock(name, block);
    }
    try {
      for (const { run } of chain) await callRender(run, this.environment, nunjucksContext);
    } catch (error) {
      return { context: nunjucksContext, preludeError: error };
    }
    return { context: nunjucksContext };
  }

  /** Runs the template's whole top level with every block stubbed out. */
  async #prepareWhole(template: CompiledTemplate, context: TemplateContext): Promise<{ context: NunjucksContext; preludeError?: unknown }> {
    const nunjucksContext = new NunjucksContextClass(context, template.blocks, this.environment);
    const ownGetBlock = nunjucksContext.getBlock;
    nunjucksContext.getBlock = () => emptyBlock;
    let preludeError: unknown;
    try {
      await callRender(template.rootRenderFunc, this.environment, nunjucksContext);
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

  /** Names a template relative to the folder, with the file it loads from when it lies inside. */
  #locate(name: string): { template: string; file?: string } {
    const file = this.resolve(name) ?? path.resolve(this.#dir, name);
    if (!file.startsWith(this.#dir + path.sep)) return { template: name };
    return { template: path.relative(this.#dir, file).split(path.sep).join("/"), file };
  }

  #error(error: unknown, name: string, phase: "compile" | "render" = "render"): TemplateError {
    return TemplateError.fromNunjucks(error, name, (template) => this.#locate(template), phase);
  }
}
