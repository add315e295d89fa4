import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import type ts from "typescript";
import { compiler, loadTypeScript } from "./typescript-compiler.ts";
import { handlerReturns, type HandlerReturns } from "./handler-returns.ts";

/** Where app source names a template: `new Template("page.html")` or `new Fragment("page.html", "row")`. */
export interface TemplateUse {
  kind: "Template" | "Fragment";
  template: string;
  /** The block, for a `Fragment`. */
  block?: string;
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
}

/** What the app's source says about templates and routes. */
export interface SourceFacts {
  uses: TemplateUse[];
  routes: RouteSite[];
}

/** The chirp classes the checker looks for in source. */
const CHIRP_CLASSES = new Set(["Template", "Fragment", "EventStream", "Reply", "Redirect"]);

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

function stringValue(node: ts.Node | undefined): string | undefined {
  return node && (compiler.isStringLiteral(node) || compiler.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;
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

/** The methods a route's options literal names: GET when it names none, undefined when they cannot be read. */
function routeMethods(options: ts.Expression | undefined): string[] | undefined {
  if (!options) return ["GET"];
  if (!compiler.isObjectLiteralExpression(options)) return undefined;
  const property = options.properties.find((one) => one.name?.getText() === "methods");
  if (!property) return ["GET"];
  if (!compiler.isPropertyAssignment(property) || !compiler.isArrayLiteralExpression(property.initializer)) return undefined;
  const methods = property.initializer.elements.map(stringValue);
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
  const pending: { site: Omit<RouteSite, "returns">; handler: ts.Expression }[] = [];
  const imports: string[] = [];

  const visit = (node: ts.Node): void => {
    if (compiler.isFunctionDeclaration(node) && node.name) functions.set(node.name.text, node);
    if (compiler.isVariableDeclaration(node) && compiler.isIdentifier(node.name) && node.initializer && (compiler.isArrowFunction(node.initializer) || compiler.isFunctionExpression(node.initializer))) {
      functions.set(node.name.text, node.initializer);
    }
    if ((compiler.isImportDeclaration(node) || compiler.isExportDeclaration(node)) && stringValue(node.moduleSpecifier)?.startsWith(".")) {
      const target = resolveImport(file, stringValue(node.moduleSpecifier) as string);
      if (target) imports.push(target);
    }
    if (compiler.isNewExpression(node)) {
      const kind = classOf(node.expression);
      const [template, block] = (node.arguments ?? []).map(stringValue);
      if (kind === "Template" && template !== undefined) facts.uses.push({ kind, template, file, line: lineOf(node) });
      if (kind === "Fragment" && template !== undefined && block !== undefined) facts.uses.push({ kind, template, block, file, line: lineOf(node) });
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

  for (const { site, handler } of pending) {
    const fn = compiler.isArrowFunction(handler) || compiler.isFunctionExpression(handler) ? handler : compiler.isIdentifier(handler) ? functions.get(handler.text) : undefined;
    facts.routes.push({ ...site, returns: fn ? handlerReturns(fn, classOf) : { kind: "unknown" } });
  }
  return imports;
}

/**
 * Reads the app's source with the TypeScript parser, starting at `entries` and
 * following relative imports that stay inside each entry's folder.
 */
export async function scanSources(entries: readonly string[]): Promise<SourceFacts> {
  await loadTypeScript();
  const facts: SourceFacts = { uses: [], routes: [] };
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
