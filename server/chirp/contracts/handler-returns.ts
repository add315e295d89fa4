import type ts from "typescript";
import { compiler } from "./typescript-compiler.ts";

/** What a route handler returns, as far as its source shows. */
export interface HandlerReturns {
  /** `stream` when some return is an `EventStream`; `other` when every return is visibly something else. */
  kind: "stream" | "other" | "unknown";
  /** For `other`: what it returns instead, e.g. `Template`. */
  what?: string;
  /** The line (1-based) where it can finish without a value (a bare `return;`, or the end of its body), which chirp answers with a 500. */
  undefinedLine?: number;
}

/** Resolves the class of a `new X(...)` expression to the chirp export it names, if any. */
export type ChirpClassOf = (expression: ts.LeftHandSideExpression) => string | undefined;

const UNKNOWN: HandlerReturns = { kind: "unknown" };

/** The chirp classes that answer with something other than an event stream. */
const OTHER_CLASSES = new Set(["Template", "Fragment", "Page", "OOB", "ValidationError", "Suspense", "Redirect"]);

function combine(all: HandlerReturns[]): HandlerReturns {
  if (all.some((one) => one.kind === "stream")) return { kind: "stream" };
  if (all.length === 0 || all.some((one) => one.kind === "unknown")) return UNKNOWN;
  return { kind: "other", what: [...new Set(all.map((one) => one.what))].join(" or ") };
}

function classify(node: ts.Expression, classOf: ChirpClassOf): HandlerReturns {
  if (compiler.isParenthesizedExpression(node) || compiler.isAwaitExpression(node) || compiler.isAsExpression(node) || compiler.isSatisfiesExpression(node) || compiler.isNonNullExpression(node)) {
    return classify(node.expression, classOf);
  }
  if (compiler.isConditionalExpression(node)) return combine([classify(node.whenTrue, classOf), classify(node.whenFalse, classOf)]);
  if (compiler.isStringLiteral(node) || compiler.isNoSubstitutionTemplateLiteral(node) || compiler.isTemplateExpression(node)) return { kind: "other", what: "a string" };
  if (compiler.isObjectLiteralExpression(node) || compiler.isArrayLiteralExpression(node)) return { kind: "other", what: "JSON" };
  if (!compiler.isNewExpression(node)) return UNKNOWN;
  const name = classOf(node.expression);
  if (name === "EventStream") return { kind: "stream" };
  if (name === "Reply") return node.arguments?.[0] ? classify(node.arguments[0], classOf) : UNKNOWN;
  return name && OTHER_CLASSES.has(name) ? { kind: "other", what: name } : UNKNOWN;
}

/** The return statements of `fn`, leaving out those of functions nested in it. */
function returnStatements(body: ts.Block): ts.ReturnStatement[] {
  const found: ts.ReturnStatement[] = [];
  const visit = (node: ts.Node): void => {
    if (compiler.isFunctionLike(node) || compiler.isClassLike(node)) return;
    if (compiler.isReturnStatement(node)) found.push(node);
    compiler.forEachChild(node, visit);
  };
  compiler.forEachChild(body, visit);
  return found;
}

/**
 * Whether running `statements` can reach their end: `undefined` when the
 * statements say too little to be sure (loops, `switch`, `try`, labels), so
 * that only a certain fall-through is reported.
 */
function completes(statements: readonly ts.Statement[]): boolean | undefined {
  let sure = true;
  for (const statement of statements) {
    const one = completesOne(statement);
    if (one === false) return false;
    if (one === undefined) sure = false;
  }
  return sure ? true : undefined;
}

function completesOne(statement: ts.Statement): boolean | undefined {
  if (compiler.isReturnStatement(statement) || compiler.isThrowStatement(statement)) return false;
  if (compiler.isBlock(statement)) return completes(statement.statements);
  if (compiler.isIfStatement(statement)) {
    const branches = [completesOne(statement.thenStatement), statement.elseStatement ? completesOne(statement.elseStatement) : true];
    return branches.includes(true) ? true : branches.includes(undefined) ? undefined : false;
  }
  const plain = compiler.isExpressionStatement(statement) || compiler.isVariableStatement(statement) || compiler.isEmptyStatement(statement) || compiler.isFunctionDeclaration(statement);
  return plain ? true : undefined;
}

/** Where a block body can finish without a value: its first bare `return;`, else its last statement when it can run past it. */
function undefinedLine(body: ts.Block, returns: readonly ts.ReturnStatement[]): number | undefined {
  const source = body.getSourceFile();
  const at = returns.find((statement) => !statement.expression) ?? (completes(body.statements) ? (body.statements.at(-1) ?? body) : undefined);
  return at && source.getLineAndCharacterOfPosition(at.getStart(source)).line + 1;
}

/**
 * Reads what a route handler returns: an `EventStream` (or a `Reply` around one),
 * visibly something else (`Template`, `Fragment`, `Redirect`, a string, JSON),
 * or unknown (a call, a variable, a generator handler, a path with no return);
 * and where it can finish without returning a value.
 */
export function handlerReturns(fn: ts.FunctionLikeDeclaration, classOf: ChirpClassOf): HandlerReturns {
  if (fn.asteriskToken || !fn.body) return UNKNOWN;
  if (!compiler.isBlock(fn.body)) return classify(fn.body, classOf);
  const returns = returnStatements(fn.body);
  const found = combine(returns.flatMap((statement) => (statement.expression ? [classify(statement.expression, classOf)] : [])));
  const line = undefinedLine(fn.body, returns);
  return line === undefined ? found : { ...found, undefinedLine: line };
}
