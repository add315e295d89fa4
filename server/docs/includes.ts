import { readFileSync } from "node:fs";
import path from "node:path";
import { DocsError } from "./docs-error.ts";

/** An include directive: `<<< path/from/project/root` or `<<< path#region`, alone on its line. */
const DIRECTIVE = /^<<<\s+(\S+?)(?:#([\w-]+))?\s*$/;
const FENCE_LINE = /^\s*(`{3,}|~{3,})/;
const REGION_MARK = /^\s*(?:\/\/|<!--|\{#|\/\*)\s*#(end)?region\b\s*([\w-]*)/;

/** Fence languages by file extension; templates are Nunjucks inside HTML. */
const LANGUAGES: Record<string, string> = { ".ts": "ts", ".js": "js", ".html": "html", ".json": "json", ".sh": "bash", ".css": "css", ".md": "md", ".conf": "nginx" };

/** What expanding the includes of one file produced. */
export interface Expanded {
  markdown: string;
  /** Project-relative paths of the files included, in order. */
  files: string[];
}

/** The lines between `#region name` and `#endregion` markers (in any comment syntax), markers left out. */
function region(text: string, name: string): string | undefined {
  const lines = text.split("\n");
  const start = lines.findIndex((line) => {
    const mark = REGION_MARK.exec(line);
    return mark !== null && mark[1] === undefined && mark[2] === name;
  });
  if (start === -1) return undefined;
  const end = lines.findIndex((line, index) => index > start && REGION_MARK.exec(line)?.[1] === "end");
  const body = lines.slice(start + 1, end === -1 ? undefined : end);
  const indent = Math.min(...body.filter((line) => line.trim()).map((line) => /^\s*/.exec(line)![0].length));
  return body.map((line) => line.slice(Number.isFinite(indent) ? indent : 0)).join("\n");
}

/** The whole file without its region marker lines. */
function withoutMarks(text: string): string {
  return text
    .split("\n")
    .filter((line) => !REGION_MARK.test(line))
    .join("\n");
}

/** A fenced code block holding `code`, fenced longer than any backtick run inside it. */
function fenced(code: string, language: string, title: string): string {
  const longest = Math.max(2, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${language} title="${title}"\n${code.replace(/\n+$/, "")}\n${fence}`;
}

/**
 * Replaces every include directive outside code blocks with a fenced block of the
 * real file (or one `#region` of it), so pages and their Markdown twins never drift
 * from the code. A missing file or region is a {@link DocsError} at the directive's line.
 */
export function expandIncludes(markdown: string, options: { file: string; firstLine: number; root: string }): Expanded {
  const files: string[] = [];
  let fence: string | undefined;
  const lines = markdown.split("\n").map((line, index) => {
    const opening = FENCE_LINE.exec(line)?.[1];
    if (opening && (fence === undefined || (opening[0] === fence[0] && opening.length >= fence.length && line.trim() === opening))) {
      fence = fence === undefined ? opening : undefined;
      return line;
    }
    const directive = fence === undefined ? DIRECTIVE.exec(line) : null;
    if (!directive) return line;
    const [, target, regionName] = directive as unknown as [string, string, string | undefined];
    const where = options.firstLine + index;
    const absolute = path.resolve(options.root, target);
    if (!absolute.startsWith(path.resolve(options.root) + path.sep)) throw new DocsError(options.file, where, `include ${target}: only files inside the project can be included`);
    let text: string;
    try {
      text = readFileSync(absolute, "utf8");
    } catch {
      throw new DocsError(options.file, where, `include ${target}: no such file`);
    }
    const code = regionName === undefined ? withoutMarks(text) : region(text, regionName);
    if (code === undefined) throw new DocsError(options.file, where, `include ${target}: no "#region ${regionName}" in that file`);
    files.push(target);
    return fenced(code, LANGUAGES[path.extname(target)] ?? "text", target);
  });
  return { markdown: lines.join("\n"), files };
}
