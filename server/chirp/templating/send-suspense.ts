import type { ServerResponse } from "node:http";
import { HttpError } from "../http-error.ts";
import type { Logger } from "../logger.ts";
import type { ChirpRequest } from "../request.ts";
import { addRootAttribute, rootElement } from "./out-of-band.ts";
import type { Suspense } from "./suspense.ts";
import type { TemplateContext } from "./template.ts";
import type { TemplateEngine } from "./template-engine.ts";

/** What sending a `Suspense` needs. */
export interface SuspenseContext {
  request: ChirpRequest;
  response: ServerResponse;
  templates: TemplateEngine;
  logger: Logger;
  /** Show a rejection's own message in `failed.<key>`, not a generic one. */
  debug: boolean;
}

/** A block to send again once the deferred keys it reads have settled. */
interface PendingBlock {
  block: string;
  keys: string[];
}

/**
 * Swaps a streamed block in on a page loaded directly: the `<template>` just
 * before the script replaces the element with the same id, and htmx (if the
 * page has it) processes the new element.
 */
const SWAP_SCRIPT =
  "(function(t){var id=t.getAttribute('data-chirp-swap'),old=document.getElementById(id);" +
  "if(old){old.replaceWith(t.content);if(window.htmx)htmx.process(document.getElementById(id))}" +
  "t.remove();document.currentScript.remove()})(document.currentScript.previousElementSibling)";

/** Where the streamed blocks go: before `</body>` when the shell has one, else at the end. */
function tailStart(shell: string): number {
  const at = shell.toLowerCase().lastIndexOf("</body>");
  return at === -1 ? shell.length : at;
}

/** The message a block's error state shows for a rejection. */
function failureMessage(error: unknown, debug: boolean): string {
  if (error instanceof HttpError || (debug && error instanceof Error)) return error.message;
  return "could not be loaded";
}

/**
 * Sends a `Suspense`: the shell at once, then each block that reads a deferred
 * key as soon as every deferred key it reads has settled — to a direct load as a
 * `<template>` and a tiny inline swap script, to htmx as an `hx-swap-oob`
 * element. Stops writing when the client leaves (`request.signal`).
 */
export async function sendSuspense(suspense: Suspense, { request, response, templates, logger, debug }: SuspenseContext): Promise<void> {
  const keys = [...suspense.deferred.keys()];
  const pending: PendingBlock[] = [...templates.namesByBlock(suspense.template)]
    .map(([block, names]) => ({ block, keys: keys.filter((key) => names.has(key)) }))
    .filter((one) => one.keys.length > 0);
  const context: TemplateContext = { ...suspense.values, failed: {} };
  const shell = await templates.render(suspense.template, context);
  const tailAt = request.isHtmx ? shell.length : tailStart(shell);

  response.writeHead(200, { "content-type": "text/html; charset=utf-8", vary: "HX-Request", "x-accel-buffering": "no" });
  if (request.method === "HEAD") return void response.end();
  response.write(shell.slice(0, tailAt));

  const settled = new Set<string>();
  const gone = () => request.signal.aborted || response.destroyed;

  /** Renders and writes every block whose deferred keys have now all settled. */
  const sendReady = async (): Promise<void> => {
    const ready = pending.filter((one) => one.keys.every((key) => settled.has(key)));
    for (const one of ready) {
      pending.splice(pending.indexOf(one), 1);
      const where = `Suspense block "${one.block}" of ${suspense.template}`;
      try {
        const html = await templates.renderBlock(suspense.template, one.block, context);
        if (gone()) return;
        const id = rootElement(html, where).id;
        if (id === undefined) throw new TypeError(`${where} has no id on its root element, so it cannot replace its placeholder`);
        response.write(request.isHtmx ? `\n${addRootAttribute(html, "hx-swap-oob", "true", where)}` : `\n<template data-chirp-swap="${id}">${html}</template><script>${SWAP_SCRIPT}</script>`);
      } catch (error) {
        logger.error(`${request.method} ${request.path}: ${where} failed to render: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
    }
  };

  // Each settled key queues one pass over the blocks; the queue keeps writes in the order keys settle.
  let queue = Promise.resolve();
  const settle = (key: string, outcome: { value: unknown } | { error: unknown }) => {
    if ("value" in outcome) context[key] = outcome.value;
    else {
      (context.failed as Record<string, string>)[key] = failureMessage(outcome.error, debug);
      if (!(outcome.error instanceof HttpError)) logger.error(`${request.method} ${request.path}: deferred "${key}" rejected: ${outcome.error instanceof Error ? (outcome.error.stack ?? outcome.error.message) : String(outcome.error)}`);
    }
    settled.add(key);
    queue = queue.then(() => (gone() ? undefined : sendReady()));
    return queue;
  };
  const allSent = Promise.all(
    keys.map((key) => Promise.resolve(suspense.deferred.get(key)).then((value) => settle(key, { value }), (error: unknown) => settle(key, { error }))),
  );
  const left = new Promise<void>((resolve) => request.signal.addEventListener("abort", () => resolve(), { once: true }));
  await Promise.race([allSent, left]);
  if (!gone()) response.end(shell.slice(tailAt));
}
