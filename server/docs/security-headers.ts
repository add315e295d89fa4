import { createHash } from "node:crypto";
import type { RequestHandler } from "express";
import type { RunSources } from "../site-hosts.ts";

/** Sets the saved theme before the first paint: the one inline script of the docs, allowed by its hash. */
export const THEME_SCRIPT = `try{var t=localStorage.getItem("chirp-theme");if(t==="light"||t==="dark")document.documentElement.dataset.theme=t}catch(e){}`;

const themeScriptHash = `'sha256-${createHash("sha256").update(THEME_SCRIPT).digest("base64")}'`;

/**
 * The Content-Security-Policy of every docs response. Scripts come only from the
 * docs origin (plus the theme script, by hash); styles may be inline because Monaco,
 * htmx and Vite's dev client insert `<style>` elements; Monaco's workers are
 * same-origin modules; only the docs themselves may frame a docs page. Runs are
 * framed from `runs.framed`, and probed with `fetch()` at `runs.probed`. `dev` lets
 * Vite's client open its WebSocket (on a port of its own) to the page's host name.
 */
export function contentSecurityPolicy(options: { dev?: boolean; hostname?: string; runs: RunSources }): string {
  const connect = ["'self'", ...options.runs.probed, ...(options.dev && options.hostname ? [`ws://${options.hostname}:*`] : [])];
  return [
    "default-src 'self'",
    `script-src 'self' ${themeScriptHash}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src ${connect.join(" ")}`,
    "worker-src 'self'",
    `frame-src ${options.runs.framed.join(" ")}`,
    "frame-ancestors 'self'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join("; ");
}

/**
 * Express middleware that puts the security headers on every docs response:
 * the CSP above, `X-Content-Type-Options: nosniff` and a Referrer-Policy that
 * sends no address to other sites. `runs`: where the example pages frame and probe runs.
 */
export function securityHeaders(options: { dev?: boolean; runs: RunSources }): RequestHandler {
  return (request, response, next) => {
    const hostname = options.dev ? new URL(`http://${request.headers.host ?? "127.0.0.1"}`).hostname : undefined;
    response.setHeader("content-security-policy", contentSecurityPolicy({ dev: options.dev, hostname, runs: options.runs }));
    response.setHeader("x-content-type-options", "nosniff");
    response.setHeader("referrer-policy", "same-origin");
    next();
  };
}
