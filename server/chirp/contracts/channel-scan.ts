import type ts from "typescript";
import { compiler, stringValue } from "./typescript-compiler.ts";

/** Resolves the class of a `new X(...)` expression to the chirp export it names, if any. */
type ClassOf = (expression: ts.LeftHandSideExpression) => string | undefined;

/** What one module says about channels: who publishes which literal event names, and what names a channel. */
export interface ChannelFacts {
  /** Channel key → the event names published on it with a literal name. */
  published: Map<string, Set<string>>;
  /** The channel a `X.subscribe(…)` or `X.publish(…)` receiver names, if it is one. */
  channelOf(receiver: ts.Expression): string | undefined;
}

/**
 * The name an options object gives with `property`: `otherwise` when there is no
 * object or it lacks the property, the literal value when it has one, else undefined.
 */
function named(options: ts.Expression | undefined, property: string, otherwise: string | undefined): string | undefined {
  if (!options) return otherwise;
  if (!compiler.isObjectLiteralExpression(options)) return undefined;
  const found = options.properties.find((one) => one.name?.getText() === property);
  if (!found) return otherwise;
  return compiler.isPropertyAssignment(found) ? stringValue(found.initializer) : undefined;
}

/**
 * The event name a published value is sent under, when the source spells it out:
 * `new SSEEvent({ event: "x" })`, `new Fragment(t, "block")` (or its `target`), a string or object (`message`).
 */
function publishedName(value: ts.Expression | undefined, classOf: ClassOf): string | undefined {
  if (!value) return undefined;
  if (compiler.isStringLiteral(value) || compiler.isNoSubstitutionTemplateLiteral(value) || compiler.isTemplateExpression(value) || compiler.isObjectLiteralExpression(value)) {
    return "message";
  }
  if (!compiler.isNewExpression(value)) return undefined;
  const kind = classOf(value.expression);
  const args = value.arguments ?? [];
  if (kind === "SSEEvent") return args[0] && compiler.isObjectLiteralExpression(args[0]) ? named(args[0], "event", "message") : undefined;
  if (kind === "Fragment") return named(args[3], "target", stringValue(args[1]));
  return undefined;
}

/**
 * Reads a module's channels: variables made with `new Channel(…)` (keyed by the
 * variable) or `app.channel("name")` (keyed by the name, so every module's
 * `app.channel("room")` is one channel), and the literal event names published on each.
 */
export function scanChannels(source: ts.SourceFile, classOf: ClassOf): ChannelFacts {
  const variables = new Map<string, string>();
  const keyOf = (initializer: ts.Expression | undefined): string | undefined => {
    if (!initializer) return undefined;
    if (compiler.isCallExpression(initializer) && compiler.isPropertyAccessExpression(initializer.expression) && initializer.expression.name.text === "channel") {
      const name = stringValue(initializer.arguments[0]);
      return name === undefined ? undefined : `channel ${name}`;
    }
    return undefined;
  };
  const channelOf = (receiver: ts.Expression): string | undefined =>
    compiler.isIdentifier(receiver) ? variables.get(receiver.text) : keyOf(receiver);
  const collect = (node: ts.Node): void => {
    if (compiler.isVariableDeclaration(node) && compiler.isIdentifier(node.name) && node.initializer) {
      const made = compiler.isNewExpression(node.initializer) && classOf(node.initializer.expression) === "Channel";
      const key = made ? `${source.fileName}#${node.name.text}` : keyOf(node.initializer);
      if (key) variables.set(node.name.text, key);
    }
    compiler.forEachChild(node, collect);
  };
  collect(source);

  const published = new Map<string, Set<string>>();
  const visit = (node: ts.Node): void => {
    if (compiler.isCallExpression(node) && compiler.isPropertyAccessExpression(node.expression) && node.expression.name.text === "publish") {
      const key = channelOf(node.expression.expression);
      const name = key && publishedName(node.arguments[0], classOf);
      if (key && name) published.set(key, (published.get(key) ?? new Set()).add(name));
    }
    compiler.forEachChild(node, visit);
  };
  visit(source);
  return { published, channelOf };
}

/**
 * The channels `fn` subscribes to with `X.subscribe(…)`: in its body, the functions
 * nested in it, and the module's functions it calls by name (`functions`).
 */
export function subscribedChannels(fn: ts.Node, facts: ChannelFacts, functions: ReadonlyMap<string, ts.Node>): string[] {
  const found = new Set<string>();
  const read = new Set<ts.Node>();
  const visit = (node: ts.Node): void => {
    if (compiler.isCallExpression(node) && compiler.isPropertyAccessExpression(node.expression) && node.expression.name.text === "subscribe") {
      const key = facts.channelOf(node.expression.expression);
      if (key) found.add(key);
    }
    const called = compiler.isCallExpression(node) && compiler.isIdentifier(node.expression) ? functions.get(node.expression.text) : undefined;
    if (called && !read.has(called)) {
      read.add(called);
      visit(called);
    }
    compiler.forEachChild(node, visit);
  };
  read.add(fn);
  visit(fn);
  return [...found];
}
