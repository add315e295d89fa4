import type nunjucks from "nunjucks";
import { isThenable } from "../is-thenable.ts";
import { definitionsOf } from "./definitions-prelude.ts";
import { blockFrame, NunjucksContextClass, runRender, type CompiledTemplate, type NunjucksContext, type RenderFunction } from "./nunjucks-internals.ts";
import type { TemplateContext } from "./template.ts";

/**
 * What rendering one block of a template alone runs, worked out once: the
 * block's render function, a render context holding the blocks of the whole
 * template chain, and the definitions of the chain that define anything.
 * Rendering with a plan looks nothing up and adds no blocks.
 */
export interface BlockPlan {
  /** The block's render function: the template's own, else its nearest layout's. */
  render: RenderFunction;
  /** Holds the chain's blocks; each render's context inherits from it and brings only its own variables. */
  blocks: NunjucksContext;
  preludes: RenderFunction[];
}

/**
 * The plan for block `block` of `template`, or undefined when there is none: the
 * block does not exist, or a template of the chain has definitions that cannot be
 * cut out of its top level (see `definitionsOf`).
 */
export function planBlock(
  template: CompiledTemplate,
  block: string,
  load: (name: string) => CompiledTemplate,
  env: nunjucks.Environment,
): BlockPlan | undefined {
  const blocks = new NunjucksContextClass({}, template.blocks, env);
  blocks.lookup = lookup;
  blocks.setVariable = setVariable;
  blocks.addExport = addExport;
  const preludes: RenderFunction[] = [];
  for (let link: CompiledTemplate | undefined = template; link; ) {
    const prelude = definitionsOf(link, env);
    if (!prelude) return undefined;
    if (prelude.defines) preludes.push(prelude.run);
    if (link !== template) for (const [name, layoutBlock] of Object.entries(link.blocks)) blocks.addBlock(name, layoutBlock);
    link = prelude.extends === undefined ? undefined : load(prelude.extends);
  }
  return Object.hasOwn(blocks.blocks, block) ? { render: blocks.getBlock(block), blocks, preludes } : undefined;
}

/**
 * Nunjucks' `Context.lookup`, with the same answer for every name, but asking
 * the context's own variables first, where nearly every name a block reads is:
 * Nunjucks asks the environment's globals and then the context whether they hold
 * `name` before it reads it. Only the context's own properties are variables, as
 * in the copy a Nunjucks Context makes of it: a class instance's getters are not.
 */
function lookup(this: NunjucksContext, name: string): unknown {
  const variables = this.ctx;
  return Object.hasOwn(variables, name) ? variables[name] : this.env.globals[name];
}

/**
 * The variables of one render, its own from the first write on: a render reads
 * the caller's context object itself, and the first top-level `set`, `import` or
 * `macro` of the chain (or an `import`, `from` or `macro` directly inside a block,
 * which Nunjucks also writes to the context) copies it, with fresh exports, as a
 * Nunjucks Context made for the render would, so the caller's object is never written to.
 */
function ownVariables(context: NunjucksContext): TemplateContext {
  if (!Object.hasOwn(context, "exported")) {
    context.ctx = { ...context.ctx };
    context.exported = [];
  }
  return context.ctx;
}

/** Nunjucks' `Context.setVariable`, writing to the render's own variables. */
function setVariable(this: NunjucksContext, name: string, value: unknown): void {
  ownVariables(this)[name] = value;
}

/** Nunjucks' `Context.addExport`, to the render's own exports. */
function addExport(this: NunjucksContext, name: string): void {
  ownVariables(this);
  this.exported.push(name);
}

/** A render context for one render with `plan`: it inherits the plan's blocks and environment and reads `context`. */
function planContext(plan: BlockPlan, context: TemplateContext): NunjucksContext {
  const nunjucksContext = Object.create(plan.blocks) as NunjucksContext;
  nunjucksContext.ctx = context;
  return nunjucksContext;
}

/** Runs `preludes` from `from` on, in order, waiting only for those that wait. */
function runPreludes(preludes: RenderFunction[], from: number, env: nunjucks.Environment, context: NunjucksContext): void | Promise<void> {
  for (let index = from; index < preludes.length; index++) {
    const output = runRender(preludes[index]!, env, context);
    if (isThenable(output)) return output.then(() => runPreludes(preludes, index + 1, env, context));
  }
}

/**
 * Renders the planned block with `context`: the HTML at once when nothing in the
 * templates waits, else a promise. As with a whole prepared chain, a definition
 * that fails leaves the ones after it out and the block still renders.
 */
export function renderPlanned(plan: BlockPlan, context: TemplateContext, env: nunjucks.Environment): string | Promise<string> {
  const nunjucksContext = planContext(plan, context);
  if (plan.preludes.length > 0) {
    let ready: void | Promise<void>;
    try {
      ready = runPreludes(plan.preludes, 0, env, nunjucksContext);
    } catch {
      ready = undefined;
    }
    if (ready) {
      const render = () => runRender(plan.render, env, nunjucksContext, blockFrame);
      return ready.then(render, render);
    }
  }
  return runRender(plan.render, env, nunjucksContext, blockFrame);
}
