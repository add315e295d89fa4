import { readFileSync } from "node:fs";
import { escapeHtml } from "./escape-html.ts";
import { relativePaths } from "./relative-paths.ts";
import { HttpError } from "./http-error.ts";
import { TemplateError } from "./templating/template-error.ts";

/** An error answer: status, headers and a small HTML page. */
export interface ErrorAnswer {
  status: number;
  headers: Record<string, string>;
  html: string;
}

const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request",
  404: "Not Found",
  405: "Method Not Allowed",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
  500: "Internal Server Error",
};

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;margin:0;padding:clamp(.75rem,4vw,2rem);color:#1b1f24;background:#fff;overflow-wrap:anywhere}
h1{font-size:1.4rem;margin:0 0 1rem}pre{background:#f4f5f7;padding:1rem;overflow:auto;border-radius:6px;font-size:13px}
.where{color:#57606a}.hit{background:#ffe3e3;display:block}
@media (prefers-color-scheme:dark){body{background:#111418;color:#e6e8eb}pre{background:#1c2128}.hit{background:#5a1d1d}.where{color:#9aa4ae}}
</style></head><body>${body}</body></html>`;
}

/** Lines around the failing line of a template file, the failing one marked. */
function excerpt(error: TemplateError): string {
  if (!error.file || !error.line) return "";
  let lines: string[];
  try {
    lines = readFileSync(error.file, "utf8").split(/\r\n|\r|\n/);
  } catch {
    return "";
  }
  const first = Math.max(1, error.line - 3);
  const last = Math.min(lines.length, error.line + 3);
  const shown = [];
  for (let number = first; number <= last; number++) {
    const text = `${String(number).padStart(4)} | ${escapeHtml(lines[number - 1] ?? "")}`;
    shown.push(number === error.line ? `<span class="hit">${text}</span>` : `${text}\n`);
  }
  return `<pre>${shown.join("")}</pre>`;
}

/** A plain page for a status such as 404 or 405. */
export function statusPage(status: number, message: string, headers: Record<string, string> = {}): ErrorAnswer {
  const title = `${status} ${STATUS_TEXT[status] ?? "Error"}`;
  return { status, headers, html: page(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>`) };
}

/** The 4xx status of an `HttpError`, or of an error Express middleware raised for the client (`status`, `expose`). */
export function clientErrorStatus(error: unknown): number | undefined {
  if (error instanceof HttpError) return error.status;
  const { status, expose } = (error ?? {}) as { status?: unknown; expose?: unknown };
  return typeof status === "number" && status >= 400 && status < 500 && expose === true ? status : undefined;
}

/**
 * The answer for an error a handler threw. An `HttpError` (or a client error from
 * Express middleware) shows its own status and message; anything else is a 500:
 * in debug with the message, template location and stack, otherwise plain.
 */
export function errorPage(error: unknown, debug: boolean): ErrorAnswer {
  if (error instanceof HttpError) return statusPage(error.status, error.message, error.headers);
  const clientStatus = clientErrorStatus(error);
  if (clientStatus !== undefined) return statusPage(clientStatus, (error as Error).message);
  if (!debug) return statusPage(500, "Something went wrong on our side. The error has been logged.");
  const title = "500 Internal Server Error";
  const err = error instanceof Error ? error : new Error(String(error));
  const where =
    err instanceof TemplateError
      ? `<p class="where">Template <code>${escapeHtml(err.template)}</code>${err.line ? `, line ${err.line}${err.column ? `, column ${err.column}` : ""}` : ""}${err.file ? ` (${escapeHtml(relativePaths(err.file))})` : ""}</p>${excerpt(err)}`
      : "";
  const body = `<h1>${title}</h1><p><strong>${escapeHtml(err.name)}:</strong> ${escapeHtml(err instanceof TemplateError ? err.reason : err.message)}</p>${where}<pre>${escapeHtml(relativePaths(err.stack ?? ""))}</pre>`;
  return { status: 500, headers: {}, html: page(title, body) };
}
