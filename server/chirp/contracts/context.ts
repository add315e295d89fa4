import path from "node:path";
import type { HtmxVersion } from "../htmx-version.ts";
import type { Route } from "../route.ts";
import type { TemplateError } from "../templating/template-error.ts";
import type { TemplateLink } from "./links.ts";
import type { ContractIssue, RuleId, Severity } from "./report.ts";
import type { RouteSite, TemplateUse } from "./source-scan.ts";
import type { TemplateFile } from "./template-scan.ts";

/** A route with what the checker knows about it. */
export interface CheckedRoute {
  route: Route;
  /** Where the source registers it, when the source was read. */
  site: RouteSite | undefined;
  /** Whether it answers with an `EventStream`: declared by `stream`/`events`, else read from its handler; undefined when unknown. */
  stream: boolean | undefined;
  /** Event names the source shows it sends: those published with a literal name on the channels it subscribes to. */
  sent: string[];
}

/** Where a template link lands: the route that answers its method, else the methods its path does answer (none for an unknown path). */
export interface LinkTarget {
  route: CheckedRoute | undefined;
  allowed: readonly string[];
}

/**
 * The blocks a template can render (its layouts' included) with the context names
 * each reads; or, when it cannot be loaded, where it was looked for (`missing`) or
 * why it does not compile (`broken`).
 */
export type TemplateBlocks =
  | { blocks: string[]; reads: ReadonlyMap<string, ReadonlySet<string>> }
  | { missing: string }
  | { broken: TemplateError };

/** Everything the rules look at, gathered once per check. */
export interface CheckContext {
  routes: CheckedRoute[];
  templates: TemplateFile[];
  links: TemplateLink[];
  /** Where each link lands, as the app's router would dispatch it. */
  targets: ReadonlyMap<TemplateLink, LinkTarget>;
  /** Templates and blocks the app's source names. */
  uses: TemplateUse[];
  /** The blocks of each template the source names, or why the template cannot be loaded. */
  blocks: ReadonlyMap<string, TemplateBlocks>;
  /** The app's `sseCloseEvent`. */
  sseCloseEvent: string | undefined;
  /** The htmx version the app's pages run. */
  htmx: HtmxVersion;
  /** Paths in issues are relative to this folder. */
  root: string;
}

/** A contract rule: reads the context, returns what it finds. */
export type Rule = (context: CheckContext) => ContractIssue[];

/** Where something is, for an issue: a file relative to the check's root (with `/`) and a line. */
export function place(context: CheckContext, at: { file: string; line: number } | undefined): Pick<ContractIssue, "file" | "line"> {
  return at ? { file: path.relative(context.root, at.file).split(path.sep).join("/"), line: at.line } : {};
}

/** Builds an issue. */
export function issue(
  severity: Severity,
  rule: RuleId,
  message: string,
  extra: Pick<ContractIssue, "file" | "line" | "route"> = {},
): ContractIssue {
  return { severity, rule, message, ...extra };
}

/** `GET /items/:id` */
export function describeRoute(route: Route): string {
  return `${route.methods.join(",")} ${route.path}`;
}
