import path from "node:path";
import type { AppConfig } from "../config.ts";
import type { Route } from "../route.ts";
import { Router } from "../router.ts";
import { htmxFolder, type TemplateEngine } from "../templating/template-engine.ts";
import { TemplateError } from "../templating/template-error.ts";
import type { CheckContext, CheckedRoute, LinkTarget, Rule, TemplateBlocks } from "./context.ts";
import { templateLinks, type TemplateLink } from "./links.ts";
import type { ContractIssue, ContractReport } from "./report.ts";
import { oobUnknownTarget } from "./rules/oob-unknown-target.ts";
import { orphanRoute } from "./rules/orphan-route.ts";
import { routeReturnsUndefined } from "./rules/route-returns-undefined.ts";
import { htmxVersionMismatch } from "./rules/htmx-version.ts";
import { hxPartialTarget } from "./rules/hx-partial-target.ts";
import { sseCloseUnsent } from "./rules/sse-close-unsent.ts";
import { streamNeedsSse } from "./rules/stream-needs-sse.ts";
import { sseEventMismatch } from "./rules/sse-event-mismatch.ts";
import { sseInheritedTarget } from "./rules/sse-inherited-target.ts";
import { sseNotStream } from "./rules/sse-not-stream.ts";
import { sseSelfSwap } from "./rules/sse-self-swap.ts";
import { suspenseUnusedKey } from "./rules/suspense-unused-key.ts";
import { unknownBlock } from "./rules/unknown-block.ts";
import { unknownRoute } from "./rules/unknown-route.ts";
import { templateError } from "./rules/template-error.ts";
import { unknownTemplate } from "./rules/unknown-template.ts";
import { scanSources, type RouteSite, type SourceFacts, type TemplateUse } from "./source-scan.ts";
import { readTemplates } from "./template-scan.ts";

/** What the checker reads of an app: its routes, its templates and its configuration. */
export interface CheckedApp {
  readonly routes: readonly Route[];
  readonly templates: TemplateEngine;
  readonly config: AppConfig;
}

/** Options of `app.check()`. */
export interface CheckOptions {
  /**
   * The app's source modules (usually the one that exports `app`), read with the
   * TypeScript parser for `Template`/`Fragment` names and route handlers; relative
   * imports inside the same folder are followed. Without them the source rules are skipped.
   */
  sources?: readonly string[];
  /** Paths in the report are relative to this folder. Default: the working directory. */
  root?: string;
}

const RULES: readonly Rule[] = [orphanRoute, routeReturnsUndefined, unknownRoute, sseSelfSwap, sseInheritedTarget, sseNotStream, sseEventMismatch, unknownTemplate, templateError, unknownBlock, sseCloseUnsent, oobUnknownTarget, suspenseUnusedKey, htmxVersionMismatch, hxPartialTarget, streamNeedsSse];

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Whether a route answers with an EventStream: its `stream`/`events` options first, then a channel it subscribes to, then what its handler visibly returns. */
function streams(route: Route, site: RouteSite | undefined): boolean | undefined {
  if (route.options.stream !== undefined) return route.options.stream;
  if (route.options.events || (site && site.channels.length > 0)) return true;
  return site?.returns.kind === "stream" ? true : site?.returns.kind === "other" ? false : undefined;
}

async function sourceFacts(sources: readonly string[]): Promise<SourceFacts> {
  if (sources.length === 0) return { uses: [], routes: [], published: new Map() };
  return scanSources(sources);
}

/** The blocks of every template the source names, or why it cannot be loaded. */
async function blocksOf(templates: TemplateEngine, uses: readonly TemplateUse[], root: string): Promise<Map<string, TemplateBlocks>> {
  const found = new Map<string, TemplateBlocks>();
  for (const name of new Set(uses.map((use) => use.template))) {
    if (templates.resolve(name) === undefined) {
      found.set(name, { missing: path.relative(root, templates.dir).split(path.sep).join("/") || "." });
      continue;
    }
    try {
      found.set(name, { blocks: await templates.blocks(name), reads: templates.namesByBlock(name) });
    } catch (error) {
      found.set(name, { broken: error instanceof TemplateError ? error : new TemplateError(String(error), { template: name }) });
    }
  }
  return found;
}

/** Where each link lands, looked up with the router the app dispatches requests with. */
function linkTargets(routes: readonly CheckedRoute[], links: readonly TemplateLink[]): Map<TemplateLink, LinkTarget> {
  const router = new Router();
  for (const checked of routes) router.add(checked.route);
  return new Map(
    links.map((link) => {
      const { found, allowed } = router.find(link.method, link.path);
      return [link, { route: routes.find((checked) => checked.route === found?.route), allowed }];
    }),
  );
}

function byPlace(a: ContractIssue, b: ContractIssue): number {
  if (a.file !== b.file) return a.file === undefined ? 1 : b.file === undefined ? -1 : a.file < b.file ? -1 : 1;
  return (a.line ?? 0) - (b.line ?? 0) || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity];
}

/**
 * Checks an app's hypermedia wiring: its routes against the URLs, `sse-*`
 * attributes and blocks of its templates, and the template names in its source.
 * Issues come sorted by file and line.
 */
export async function checkApp(app: CheckedApp, options: CheckOptions = {}): Promise<ContractReport> {
  const root = path.resolve(options.root ?? process.cwd());
  const facts = await sourceFacts(options.sources ?? []);
  // Only the templates the app loads: not those kept for the other htmx version, nor those its own version's folder shadows.
  const templates = readTemplates(app.templates.dir, [htmxFolder(app.config.htmx === 4 ? 2 : 4)]).filter(
    (template) => app.templates.resolve(path.relative(app.templates.dir, template.file)) === template.file,
  );
  const links = templateLinks(templates);
  const routes: CheckedRoute[] = app.routes.map((route) => {
    const site = facts.routes.find((one) => one.path === route.path && (!one.methods || one.methods.some((method) => route.methods.includes(method))));
    const sent = new Set((site?.channels ?? []).flatMap((key) => [...(facts.published.get(key) ?? [])]));
    return { route, site, stream: streams(route, site), sent: [...sent] };
  });
  const context: CheckContext = {
    routes,
    templates,
    links,
    targets: linkTargets(routes, links),
    uses: facts.uses,
    blocks: await blocksOf(app.templates, facts.uses, root),
    sseCloseEvent: app.config.sseCloseEvent,
    htmx: app.config.htmx,
    root,
  };
  return { issues: RULES.flatMap((rule) => rule(context)).sort(byPlace) };
}
