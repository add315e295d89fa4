import { parseDocument } from "yaml";
import { DocsError } from "./docs-error.ts";

/** The front matter every content page has. */
export interface FrontMatter {
  title: string;
  description: string;
  /** Position among its siblings, smaller first (default 0). */
  weight: number;
  tags: string[];
  /** A shorter name for the sidebar and breadcrumbs (default: the title). */
  label: string;
  /** On an example page, what the workbench's right-hand pane shows: the event frames (default) or the page's response chunks. */
  workbench: "events" | "chunks";
}

/** A Markdown file split into its front matter and its body. */
export interface ParsedFile {
  data: FrontMatter;
  body: string;
  /** Line number (from 1) of the body's first line in the file. */
  bodyLine: number;
}

const FENCE = /^---\r?\n([\s\S]*?)^---\r?\n?/m;

function fail(file: string, line: number, reason: string): never {
  throw new DocsError(file, line, `front matter: ${reason}`);
}

/**
 * Reads the YAML front matter between `---` lines at the top of `text`.
 * Malformed YAML, a missing title or a field of the wrong type is a {@link DocsError} naming the line.
 */
export function parseFrontMatter(text: string, file: string): ParsedFile {
  const match = text.startsWith("---") ? FENCE.exec(text) : null;
  if (!match || match.index !== 0) fail(file, 1, "missing; start the file with a `---` line, YAML, and a closing `---` line");
  const yamlText = match[1]!;
  const document = parseDocument(yamlText);
  const problem = document.errors[0];
  if (problem) fail(file, 2 + yamlText.slice(0, problem.pos[0]).split("\n").length - 1, problem.message.split(" at line")[0]!);
  const raw: unknown = document.toJS() ?? {};
  if (typeof raw !== "object" || Array.isArray(raw) || raw === null) fail(file, 2, "must be a mapping of keys to values");
  const record = raw as Record<string, unknown>;
  const lineOf = (key: string): number => {
    const index = yamlText.split("\n").findIndex((line) => line.startsWith(`${key}:`));
    return index === -1 ? 1 : index + 2;
  };
  const known = new Set(["title", "description", "weight", "tags", "label", "workbench"]);
  for (const key of Object.keys(record)) if (!known.has(key)) fail(file, lineOf(key), `unknown key "${key}" (known: ${[...known].join(", ")})`);
  const { title, description = "", weight = 0, tags = [], label = title, workbench = "events" } = record;
  if (typeof title !== "string" || title.trim() === "") fail(file, lineOf("title"), "`title` is required and must be text");
  if (typeof description !== "string") fail(file, lineOf("description"), "`description` must be text");
  if (typeof weight !== "number" || !Number.isFinite(weight)) fail(file, lineOf("weight"), "`weight` must be a number");
  if (typeof label !== "string" || label.trim() === "") fail(file, lineOf("label"), "`label` must be text");
  if (!Array.isArray(tags) || tags.some((tag) => typeof tag !== "string")) fail(file, lineOf("tags"), "`tags` must be a list of words");
  if (workbench !== "events" && workbench !== "chunks") fail(file, lineOf("workbench"), "`workbench` must be `events` or `chunks`");
  const bodyLine = match[0].split("\n").length - (match[0].endsWith("\n") ? 1 : 0) + 1;
  return { data: { title, description, weight, tags: tags as string[], label, workbench }, body: text.slice(match[0].length), bodyLine };
}
