import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import type ts from "typescript";
import { compiler, loadTypeScript, stringValue } from "./typescript-compiler.ts";
import { scanChannels, subscribedChannels } from "./channel-scan.ts";
import { handlerReturns, type HandlerReturns } from "./handler-returns.ts";

/**
 * Where app source names a template: `new Template("page.html")`, `new Fragment("page.html", "row")`,
 * `new Page(…)`, `new ValidationError(…)` or `new Suspense(…)`.
 */
export interface TemplateUse {
  kind: "Template" | "Fragment" | "Page" | "ValidationError" | "Suspense";
  template: string;
  /** The block it renders, for a `Fragment`, `Page` (its `block`, and its `pageBlock` as a use of its own) or `ValidationError`. */
  block?: string;
  /** For a `Fragment` inside an `OOB` (after its first value): the literal `target` it is swapped into, or null without one. */
  outOfBandTarget?: string | null;
  /**
   * For a `Fragment` that is yielded (into a stream) or published (to a channel): where it is
   * sent, its literal `target` or else its block; undefined when the target is not a literal.
   */
  streamedTarget?: string;
  /** For a `Suspense`: the context keys whose value is a call, taken to be promises. */
  deferred?: string[];
  file: string;
  line: number;
}

/** Where app source registers a route with `app.route("/path", …)`, and what its handler returns. */
export interface RouteSite {
  path: string;
  /** The methods its options name (GET when it names none); undefined when they are not literal. */
  methods: string[] | undefined;
  file: string;
  line: number;
  returns: HandlerReturns;
  /** The channels its handler subscribes to (`room.subscribe(req)`), by key. */
  channels: string[];
}

/** What the app's source says about templates and routes. */
export interface SourceFacts {
  uses: TemplateUse[];
  routes: RouteSite[];
  /** Channel key → the event names published on it with a literal name. */
  published: Map<string, Set<string>>;
}

/** The chirp classes the checker looks for in source. */
const CHIRP_CLASSES = new Set(["Template", "Fragment", "Page", "OOB", "ValidationError", "Suspense", "EventStream", "Reply", "Redirect", "Channel", "SSEEvent"]);

/** The classes whose first two arguments are a template and a block. */
const BLOCK_CLASSES = new Set<string>(["Fragment", "Page", "ValidationError"] satisfies TemplateUse["kind"][]);

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The file a relative import names, tried as written, with `.js` read as `.ts`, and with `.ts` or `/index.ts` added. */
function resolveImport(from: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(from), specifier);
  const candidates = [base, base.replace(/\.js$/, ".ts").replace(/\.mjs$/, ".mts"), `${base}.ts`, path.join(base, "index.ts")];
  return candidates.find(isFile);
}

/** The local names a module gives chirp's classes (`import { Fragment as F }`) and its namespace imports. */
function chirpBindings(source: ts.SourceFile): { names: Map<string, string>; namespaces: Set<string> } {
  const names = new Map<string, string>();
  const namespaces = new Set<string>();
  for (const statement of source.statements) {
    const bindings = compiler.isImportDeclaration(statement) ? statement.importClause?.namedBindings : undefined;
    if (bindings && compiler.isNamespaceImport(bindings)) namespaces.add(bindings.name.text);
    if (bindings && compiler.isNamedImports(bindings)) {
      for (const element of bindings.elements) names.set(element.name.text, (element.propertyName ?? element.name).getText(source));
    }
  }
  return { names, namespaces };
}

/** The property `name` of an object literal, when it is a plain `name: value`. */
function property(node: ts.Node | undefined, name: string): ts.Expression | undefined {
  if (!node || !compiler.isObjectLiteralExpression(node)) return undefined;
  const found = node.properties.find((one) => one.name?.getText() === name);
  return found && compiler.isPropertyAssignment(found) ? found.initializer : undefined;
}

/** The keys of a context literal whose value is a call (`revenue: loadRevenue()`), the way promises are usually made. */
function callKeys(context: ts.Node | undefined): string[] {
  if (!context || !compiler.isObjectLiteralExpression(context)) return [];
  return context.properties.flatMap((one) =>
    compiler.isPropertyAssignment(one) && compiler.isCallExpression(one.initializer) && !compiler.isComputedPropertyName(one.name) ? [one.name.getText().replace(/^["']|["']$/g, "")] : [],
  );
}

/** Where a streamed `Fragment` with these options goes: its literal `target`, its block without one, undefined when that cannot be read. */
function streamedTarget(options: ts.Expression | undefined, block: string): string | undefined {
  if (!options) return block;
  if (!compiler.isObjectLiteralExpression(options)) return undefined;
  const target = property(options, "target");
  return target ? stringValue(target) : options.properties.some((one) => one.name?.getText() === "target") ? undefined : block;
}

/** The methods a route's options literal names: GET when it names none, undefined when they cannot be read. */
function routeMethods(options: ts.Expression | undefined): string[] | undefined {
  if (!options) return ["GET"];
  if (!compiler.isObjectLiteralExpression(options)) return undefined;
  const found = options.properties.find((one) => one.name?.getText() === "methods");
  if (!found) return ["GET"];
  if (!compiler.isPropertyAssignment(found) || !compiler.isArrayLiteralExpression(found.initializer)) return undefined;
  const methods = found.initializer.elements.map(stringValue);
  return methods.every((method) => method !== undefined) ? methods.map((method) => method.toUpperCase()) : undefined;
}

/** Reads one module, recording its template uses and route registrations; returns the relative imports to follow. */
function scanModule(file: string, facts: SourceFacts): string[] {
  const source = compiler.createSourceFile(file, readFileSync(file, "utf8"), compiler.ScriptTarget.Latest, true);
  const { names, namespaces } = chirpBindings(source);
  const functions = new Map<string, ts.FunctionLikeDeclaration>();
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const classOf = (expression: ts.LeftHandSideExpression): string | undefined => {
    const name = compiler.isIdentifier(expression)
      ? (names.get(expression.text) ?? expression.text)
      : compiler.isPropertyAccessExpression(expression) && compiler.isIdentifier(expression.expression) && namespaces.has(expression.expression.text)
        ? expression.name.text
        : undefined;
    return name && CHIRP_CLASSES.has(name) ? name : undefined;
  };
  const pending: { site: Omit<RouteSite, "returns" | "channels">; handler: ts.Expression }[] = [];
  const imports: string[] = [];
  /** The values an `OOB` swaps out of band: every argument after its first. */
  const outOfBand = new Set<ts.Node>();
  /** The values sent into a stream: yielded, or published to a channel. */
  const streamed = new Set<ts.Node>();

  const visit = (node: ts.Node): void => {
    if (compiler.isFunctionDeclaration(node) && node.name) functions.set(node.name.text, node);
    if (compiler.isVariableDeclaration(node) && compiler.isIdentifier(node.name) && node.initializer && (compiler.isArrowFunction(node.initializer) || compiler.isFunctionExpression(node.initializer))) {
      functions.set(node.name.text, node.initializer);
    }
    if ((compiler.isImportDeclaration(node) || compiler.isExportDeclaration(node)) && stringValue(node.moduleSpecifier)?.startsWith(".")) {
      const target = resolveImport(file, stringValue(node.moduleSpecifier) as string);
      if (target) imports.push(target);
    }
    if (compiler.isYieldExpression(node) && node.expression) streamed.add(node.expression);
    if (compiler.isCallExpression(node) && compiler.isPropertyAccessExpression(node.expression) && node.expression.name.text === "publish" && node.arguments[0]) {
      streamed.add(node.arguments[0]);
    }
    if (compiler.isNewExpression(node)) {
      const kind = classOf(node.expression);
      const args = node.arguments ?? [];
      const [template, block] = args.map(stringValue);
      const at = { file, line: lineOf(node) };
      if (kind === "OOB") for (const value of args.slice(1)) outOfBand.add(value);
      if ((kind === "Template" || kind === "Suspense") && template !== undefined) {
        facts.uses.push(kind === "Suspense" ? { kind, template, deferred: callKeys(args[1]), ...at } : { kind, template, ...at });
      }
      if (kind && BLOCK_CLASSES.has(kind) && template !== undefined && block !== undefined) {
        const use: TemplateUse = { kind: kind as TemplateUse["kind"], template, block, ...at };
        if (kind === "Fragment" && outOfBand.has(node)) use.outOfBandTarget = stringValue(property(args[3], "target")) ?? null;
        if (kind === "Fragment" && streamed.has(node)) use.streamedTarget = streamedTarget(args[3], block);
        facts.uses.push(use);
        const pageBlock = kind === "Page" ? stringValue(property(args[3], "pageBlock")) : undefined;
        if (pageBlock !== undefined) facts.uses.push({ ...use, block: pageBlock });
      }
    }
    if (compiler.isCallExpression(node) && compiler.isPropertyAccessExpression(node.expression) && node.expression.name.text === "route") {
      const [routePath, ...rest] = node.arguments;
      const handler = rest.at(-1);
      const pathText = stringValue(routePath);
      if (pathText?.startsWith("/") && handler && rest.length <= 2) {
        pending.push({ site: { path: pathText, methods: routeMethods(rest.length === 2 ? rest[0] : undefined), file, line: lineOf(node) }, handler });
      }
    }
    compiler.forEachChild(node, visit);
  };
  visit(source);

  const channels = scanChannels(source, classOf);
  for (const [key, names] of channels.published) facts.published.set(key, new Set([...(facts.published.get(key) ?? []), ...names]));
  for (const { site, handler } of pending) {
    const fn = compiler.isArrowFunction(handler) || compiler.isFunctionExpression(handler) ? handler : compiler.isIdentifier(handler) ? functions.get(handler.text) : undefined;
    facts.routes.push({ ...site, returns: fn ? handlerReturns(fn, classOf) : { kind: "unknown" }, channels: fn ? subscribedChannels(fn, channels, functions) : [] });
  }
  return imports;
}

/**
 * Reads the app's source with the TypeScript parser, starting at `entries` and
 * following relative imports that stay inside each entry's folder.
 */
export async function scanSources(entries: readonly string[]): Promise<SourceFacts> {
  await loadTypeScript();
  const facts: SourceFacts = { uses: [], routes: [], published: new Map() };
  const seen = new Set<string>();
  for (const entry of entries.map((one) => path.resolve(one))) {
    const folder = path.dirname(entry);
    const queue = [entry];
    while (queue.length > 0) {
      const file = queue.shift() as string;
      if (seen.has(file) || !isFile(file)) continue;
      seen.add(file);
      queue.push(...scanModule(file, facts).filter((next) => !path.relative(folder, next).startsWith("..") && !next.includes(`${path.sep}node_modules${path.sep}`)));
    }
  }
  return facts;
}
