import type nunjucks from "nunjucks";
import { isThenable } from "../is-thenable.ts";
import { definitionsOf } from "./definitions-prelude.ts";
import { NunjucksContextClass, runRender, type CompiledTemplate, type NunjucksContext, type RenderFunction } from "./nunjucks-internals.ts";
import type { TemplateContext } from "./template.ts";

/**
 * What rendering one block of a template alone runs, worked out once: the
 * template, the blocks its layouts add, and the definitions of the chain that
 * define anything. Rendering with a plan looks nothing up.
 */
export interface BlockPlan {
  template: CompiledTemplate;
  block: string;
  layoutBlocks: [string, RenderFunction][];
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
  const layoutBlocks: [string, RenderFunction][] = [];
  const preludes: RenderFunction[] = [];
  for (let link: CompiledTemplate | undefined = template; link; ) {
    const prelude = definitionsOf(link, env);
    if (!prelude) return undefined;
    if (prelude.defines) preludes.push(prelude.run);
    if (link !== template) layoutBlocks.push(...Object.entries(link.blocks));
    link = prelude.extends === undefined ? undefined : load(prelude.extends);
  }
  const found = block in template.blocks || layoutBlocks.some(([name]) => name === block);
  return found ? { template, block, layoutBlocks, preludes } : undefined;
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
  const nunjucksContext = new NunjucksContextClass(context, plan.template.blocks, env);
  for (const [name, block] of plan.layoutBlocks) nunjucksContext.addBlock(name, block);
  if (plan.preludes.length > 0) {
    let ready: void | Promise<void>;
    try {
      ready = runPreludes(plan.preludes, 0, env, nunjucksContext);
    } catch {
      ready = undefined;
    }
    if (ready) {
      const render = () => runRender(nunjucksContext.getBlock(plan.block), env, nunjucksContext);
      return ready.then(render, render);
    }
  }
  return runRender(nunjucksContext.getBlock(plan.block), env, nunjucksContext);
}
