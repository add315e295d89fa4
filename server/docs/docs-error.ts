/** A problem in the docs content, named by file (relative to the project) and line. */
export class DocsError extends Error {
  override name = "DocsError";

  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
  }
}
