import { escapeHtml } from "../escape-html.ts";

/** Box, heading and message styles; inline, since the page may have no stylesheet for it. Contrast ≥ 7:1 on its own background. */
const BOX = "margin:.5rem 0;padding:.5rem .75rem;border:2px solid #b42318;border-radius:6px;background:#fff1f0;color:#7a1b12;font:14px/1.4 system-ui,sans-serif";
const MESSAGE = "margin:.25rem 0 0;white-space:pre-wrap;overflow-wrap:anywhere;font:13px/1.4 ui-monospace,monospace";

/**
 * The small HTML block a debug stream sends where a value that failed to render
 * would have gone: `what` names the value, `message` is the error's text; both are escaped.
 */
export function errorBlock(what: string, message: string): string {
  return `<div role="alert" data-chirp-error style="${BOX}"><strong>${escapeHtml(what)} failed to render</strong><pre style="${MESSAGE}">${escapeHtml(message)}</pre></div>`;
}
