/** Where a template problem is, as far as it is known. */
export interface TemplateLocation {
  template: string;
  /** Absolute path of the template file, when it was found. */
  file?: string;
  line?: number;
  column?: number;
}

const NUNJUCKS_HEADER = /^\((.+?)\)(?: \[Line (\d+), Column (\d+)\])?\s*\n\s*/;

/** A template that is missing, does not parse, or fails while rendering. */
export class TemplateError extends Error {
  override name = "TemplateError";
  readonly template: string;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
  /** The message without the location prefix. */
  readonly reason: string;

  constructor(reason: string, location: TemplateLocation, options?: ErrorOptions) {
    const where = [location.template, location.line, location.column].filter((part) => part !== undefined).join(":");
    super(`${where}: ${reason}`, options);
    this.reason = reason;
    this.template = location.template;
    this.file = location.file;
    this.line = location.line;
    this.column = location.column;
  }

  /**
   * Turns an error thrown by Nunjucks into a TemplateError, reading the template
   * and line from the message header Nunjucks adds (`(name) [Line 3, Column 5]`).
   * Nunjucks counts from 1 for syntax errors and from 0 for render errors.
   */
  static fromNunjucks(
    error: unknown,
    template: string,
    locate: (name: string) => { template: string; file?: string },
    phase: "compile" | "render",
  ): TemplateError {
    if (error instanceof TemplateError) return error;
    const message = error instanceof Error ? error.message : String(error);
    const header = NUNJUCKS_HEADER.exec(message);
    const named = header?.[1] && header[1] !== "unknown path" ? header[1] : template;
    const reason = (header ? message.slice(header[0].length) : message).replace(/^(Template render )?Error: /, "").trim();
    const position = error as { lineno?: number; colno?: number };
    const base = phase === "render" ? 1 : 0;
    const line = position.lineno !== undefined ? position.lineno + base : header?.[2] ? Number(header[2]) + base : undefined;
    const column = position.colno !== undefined ? position.colno + base : header?.[3] ? Number(header[3]) + base : undefined;
    return new TemplateError(reason, { ...locate(named), line, column }, { cause: error });
  }
}
