import ts from "typescript";

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

function combine(all: HandlerReturns[]): HandlerReturns {
  if (all.some((one) => one.kind === "stream")) return { kind: "stream" };
  if (all.length === 0 || all.some((one) => one.kind === "unknown")) return UNKNOWN;
  return { kind: "other", what: [...new Set(all.map((one) => one.what))].join(" or ") };
}

function classify(node: ts.Expression, classOf: ChirpClassOf): HandlerReturns {
  if (ts.isParenthesizedExpression(node) || ts.isAwaitExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isNonNullExpression(node)) {
    return classify(node.expression, classOf);
  }
  if (ts.isConditionalExpression(node)) return combine([classify(node.whenTrue, classOf), classify(node.whenFalse, classOf)]);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) return { kind: "other", what: "a string" };
  if (ts.isObjectLiteralExpression(node) || ts.isArrayLiteralExpression(node)) return { kind: "other", what: "JSON" };
  if (!ts.isNewExpression(node)) return UNKNOWN;
  const name = classOf(node.expression);
  if (name === "EventStream") return { kind: "stream" };
  if (name === "Reply") return node.arguments?.[0] ? classify(node.arguments[0], classOf) : UNKNOWN;
  return name === "Template" || name === "Fragment" || name === "Redirect" ? { kind: "other", what: name } : UNKNOWN;
}

/** The expressions `fn` returns, leaving out those of functions nested in it. */
function returnedExpressions(fn: ts.FunctionLikeDeclaration): ts.Expression[] {
  if (!fn.body) return [];
  if (!ts.isBlock(fn.body)) return [fn.body];
  const found: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isReturnStatement(node) && node.expression) found.push(node.expression);
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(fn.body, visit);
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
