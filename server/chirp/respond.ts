import type { ServerResponse } from "node:http";
import { EventStream } from "./realtime/event-stream.ts";
import { Redirect, Reply } from "./reply.ts";
import type { ChirpRequest } from "./request.ts";
import { sendBodyNow, type Body, type SendSettings } from "./send-body.ts";
import { Fragment } from "./templating/fragment.ts";
import { OOB } from "./templating/oob.ts";
import { markOutOfBand } from "./templating/out-of-band.ts";
import { Page, PAGE_VARY } from "./templating/page.ts";
import { Suspense } from "./templating/suspense.ts";
import { Template } from "./templating/template.ts";
import { ValidationError } from "./templating/validation-error.ts";
import { vary } from "./vary.ts";
import type { TemplateEngine } from "./templating/template-engine.ts";

/** What an app answers with, the same for every request. */
export interface Responder {
  templates: TemplateEngine;
  /** Compression and ETags for whole bodies. */
  send: SendSettings;
  /** Sends an event stream on the response; resolves when the stream is over. */
  stream(stream: EventStream, request: ChirpRequest, response: ServerResponse): Promise<void>;
  /** Sends a `Suspense`'s shell and then its deferred blocks; resolves when the response is over. */
  suspend(suspense: Suspense, request: ChirpRequest, response: ServerResponse): Promise<void>;
}

/** One request to answer, and the app's way of answering. */
export interface RespondContext {
  request: ChirpRequest;
  response: ServerResponse;
  responder: Responder;
}

const HTML = "text/html; charset=utf-8";

function isPlainData(value: object): boolean {
  if (Array.isArray(value)) return true;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null || typeof (value as { toJSON?: unknown }).toJSON === "function";
}

function describe(value: unknown): string {
  if (value === null || typeof value !== "object") return typeof value;
  return `${value.constructor?.name ?? "Object"} instance`;
}

/** Renders the whole template or the block the request asks for (see `Page`), and notes the headers that chose. */
function renderPage(page: Page, { request, response, responder: { templates } }: RespondContext): string | Promise<string> {
  vary(response, PAGE_VARY);
  const block = page.blockFor(request.headers);
  return block === undefined ? templates.renderNow(page.template, page.context) : templates.renderBlockNow(page.template, block, page.context);
}

/** Renders the main value and the out-of-band fragments of an `OOB`, joined. */
async function renderOutOfBand(value: OOB, context: RespondContext): Promise<string> {
  const { templates } = context.responder;
  const outOfBand = value.more.map(async (fragment) => markOutOfBand(await templates.renderBlock(fragment.template, fragment.block, fragment.context), fragment));
  return [await renderHtml(value.main, context), ...(await Promise.all(outOfBand))].join("\n");
}

/** Renders a value that answers as HTML (at once when no template waits); undefined for any other value. */
function renderHtml(value: unknown, context: RespondContext): string | Promise<string> | undefined {
  const { templates } = context.responder;
  if (typeof value === "string") return value;
  if (value instanceof Template) return templates.renderNow(value.name, value.context);
  if (value instanceof Fragment) return templates.renderBlockNow(value.template, value.block, value.context);
  if (value instanceof Page) return renderPage(value, context);
  if (value instanceof ValidationError) return renderPage(new Page(value.template, value.block, value.context), context);
  if (value instanceof OOB) return renderOutOfBand(value, context);
  return undefined;
}

const NO_HEADERS: Readonly<Record<string, string>> = Object.freeze({});

/**
 * Answers with a handler's return value: a string is HTML; a `Template`, `Fragment`,
 * `Page`, `OOB` or `ValidationError` is rendered; an `EventStream` or a `Suspense` streams; a
 * `Reply` sets status and headers; a `Redirect` redirects; a plain object or
 * array is JSON; `null` is 204. `undefined` (a handler that forgot to `return`) is
 * an error naming the route. Returns a promise only when something has to be
 * waited for (a template that waits, compression, a stream); otherwise the answer
 * has been sent when this returns. Throws, or rejects, when the value cannot be sent.
 */
export function respond(value: unknown, context: RespondContext, status = 200, headers: Readonly<Record<string, string>> = NO_HEADERS): void | Promise<void> {
  if (value instanceof Reply) {
    return respond(value.body ?? null, context, value.status, { ...headers, ...value.headers });
  }
  if (value === undefined) {
    throw new TypeError(
      `the handler for ${context.request.method} ${context.request.path} returned undefined: did it forget to \`return\`? ` +
        "Return null (or a Reply with status 204) for an empty answer.",
    );
  }
  const { request, response, responder } = context;
  for (const name in headers) response.setHeader(name, headers[name]!);

  if (value instanceof EventStream) return responder.stream(value, request, response);
  if (value instanceof Suspense) return responder.suspend(value, request, response);
  if (value instanceof Redirect) {
    if (request.isHtmx) response.setHeader("hx-redirect", value.location);
    response.writeHead(value.status, { location: value.location }).end();
    return;
  }
  if (value === null) {
    response.writeHead(status === 200 ? 204 : status).end();
    return;
  }
  if (value instanceof ValidationError) status = value.status;
  const html = renderHtml(value, context);
  if (html === undefined) return sendBodyNow(request.raw, response, status, dataBody(value, context), responder.send);
  if (typeof html === "string") return sendBodyNow(request.raw, response, status, { bytes: html, type: HTML }, responder.send);
  return html.then((ready) => sendBodyNow(request.raw, response, status, { bytes: ready, type: HTML }, responder.send));
}

/** The body of a value that is not HTML: bytes, or JSON for plain data; anything else is an error naming the route. */
function dataBody(value: unknown, { request }: RespondContext): Body {
  if (value instanceof Uint8Array) return { bytes: value, type: "application/octet-stream" };
  if (typeof value === "object" && value !== null && isPlainData(value)) return { bytes: JSON.stringify(value), type: "application/json; charset=utf-8" };
  throw new TypeError(
    `the handler for ${request.method} ${request.path} returned a ${describe(value)}; ` +
      "return a string, Template, Fragment, Page, OOB, ValidationError, Suspense, EventStream, Reply, Redirect, a plain object or an array",
  );
}
