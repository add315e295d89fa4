/** Context values handed to a template. */
export type TemplateContext = Record<string, unknown>;

/** Intent: render the whole template `name` with `context` as an HTML page. */
export class Template {
  constructor(
    readonly name: string,
    readonly context: TemplateContext = {},
  ) {
    Object.freeze(this);
  }
}
