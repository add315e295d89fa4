import type ts from "typescript";

let loaded: typeof ts | undefined;

/**
 * Loads the TypeScript compiler API. It is imported on demand, so an app that never
 * reads its source (and a bundle of the framework) never loads the compiler.
 */
export async function loadTypeScript(): Promise<void> {
  loaded ??= (await import("typescript")).default;
}

/** The compiler API, once {@link loadTypeScript} has resolved. */
export const compiler = new Proxy({} as typeof ts, {
  get(_target, name) {
    if (!loaded) throw new Error("chirp: the TypeScript compiler is used before loadTypeScript()");
    return loaded[name as keyof typeof ts];
  },
});

/** The text of a string literal (or a template literal without substitutions), else undefined. */
export function stringValue(node: ts.Node | undefined): string | undefined {
  return node && (compiler.isStringLiteral(node) || compiler.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;
}
