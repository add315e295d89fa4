import type ts from "typescript";
import { compiler } from "./typescript-compiler.ts";

/** What a route handler returns, as far as its source shows. */
export interface HandlerReturns {
  /** `stream` when some return is an `EventStream`; `other` when every return is visibly something else. */
  kind: "stream" | "other" | "unknown";
  /** For `other`: what it returns instead, e.g. `Template`. */
  what?: string;
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

/** The expressions `fn` returns, leaving out those of functions nested in it. */
function returnedExpressions(fn: ts.FunctionLikeDeclaration): ts.Expression[] {
  if (!fn.body) return [];
  if (!compiler.isBlock(fn.body)) return [fn.body];
  const found: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (compiler.isFunctionLike(node) || compiler.isClassLike(node)) return;
    if (compiler.isReturnStatement(node) && node.expression) found.push(node.expression);
    compiler.forEachChild(node, visit);
  };
  compiler.forEachChild(fn.body, visit);
  return found;
}

/**
 * Reads what a route handler returns: an `EventStream` (or a `Reply` around one),
 * visibly something else (`Template`, `Fragment`, `Redirect`, a string, JSON),
 * or unknown (a call, a variable, a generator handler, a path with no return).
 */
export function handlerReturns(fn: ts.FunctionLikeDeclaration, classOf: ChirpClassOf): HandlerReturns {
  if (fn.asteriskToken) return UNKNOWN;
  return combine(returnedExpressions(fn).map((expression) => classify(expression, classOf)));
}
