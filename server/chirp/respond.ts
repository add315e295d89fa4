import type { ServerResponse } from "node:http";
import { EventStream } from "./realtime/event-stream.ts";
import { Redirect, Reply } from "./reply.ts";
import type { ChirpRequest } from "./request.ts";
import { sendBody, type SendSettings } from "./send-body.ts";
import { Fragment } from "./templating/fragment.ts";
import { OOB } from "./templating/oob.ts";
import { markOutOfBand } from "./templating/out-of-band.ts";
import { Page, PAGE_VARY } from "./templating/page.ts";
import { Suspense } from "./templating/suspense.ts";
import { Template } from "./templating/template.ts";
import { ValidationError } from "./templating/validation-error.ts";
import { vary } from "./vary.ts";
import type { TemplateEngine } from "./templating/template-engine.ts";

/** What turning a handler's result into a response needs. */
export interface RespondContext {
  request: ChirpRequest;
  response: ServerResponse;
  templates: TemplateEngine;
  /** Compression and ETags for whole bodies. */
  send: SendSettings;
  /** Sends an event stream on the response; resolves when the stream is over. */
  stream(stream: EventStream): Promise<void>;
  /** Sends a `Suspense`'s shell and then its deferred blocks; resolves when the response is over. */
  suspend(suspense: Suspense): Promise<void>;
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
function renderPage(page: Page, { request, response, templates }: RespondContext): Promise<string> {
  vary(response, PAGE_VARY);
  const block = page.blockFor(request.headers);
  return block === undefined ? templates.render(page.template, page.context) : templates.renderBlock(page.template, block, page.context);
}

/** Renders a value that answers as HTML; undefined for any other value. */
async function renderHtml(value: unknown, context: RespondContext): Promise<string | undefined> {
  const { templates } = context;
  if (typeof value === "string") return value;
  if (value instanceof Template) return templates.render(value.name, value.context);
  if (value instanceof Fragment) return templates.renderBlock(value.template, value.block, value.context);
  if (value instanceof Page) return renderPage(value, context);
  if (value instanceof ValidationError) return renderPage(new Page(value.template, value.block, value.context), context);
  if (value instanceof OOB) {
    const outOfBand = value.more.map(async (fragment) => markOutOfBand(await templates.renderBlock(fragment.template, fragment.block, fragment.context), fragment));
    return [await renderHtml(value.main, context), ...(await Promise.all(outOfBand))].join("\n");
  }
  return undefined;
}

/**
 * Answers with a handler's return value: a string is HTML; a `Template`, `Fragment`,
 * `Page`, `OOB` or `ValidationError` is rendered; an `EventStream` or a `Suspense` streams; a
 * `Reply` sets status and headers; a `Redirect` redirects; a plain object or
 * array is JSON; `null` is 204. `undefined` (a handler that forgot to `return`) is
 * an error naming the route.
 */
export async function respond(
  value: unknown,
  context: RespondContext,
  status = 200,
  headers: Readonly<Record<string, string>> = {},
): Promise<void> {
  if (value instanceof Reply) {
    return respond(value.body ?? null, context, value.status, { ...headers, ...value.headers });
  }
  if (value === undefined) {
    throw new TypeError(
      `the handler for ${context.request.method} ${context.request.path} returned undefined: did it forget to \`return\`? ` +
        "Return null (or a Reply with status 204) for an empty answer.",
    );
  }
  const { response } = context;
  for (const [name, header] of Object.entries(headers)) response.setHeader(name, header);

  if (value instanceof EventStream) return context.stream(value);
  if (value instanceof Suspense) return context.suspend(value);
  if (value instanceof Redirect) {
    if (context.request.isHtmx) response.setHeader("hx-redirect", value.location);
    response.writeHead(value.status, { location: value.location }).end();
    return;
  }
  if (value === null) {
    response.writeHead(status === 200 ? 204 : status).end();
    return;
  }

  let body: string | Uint8Array;
  let type: string;
  const html = await renderHtml(value, context);
  if (html !== undefined) [body, type] = [html, HTML];
  else if (value instanceof Uint8Array) [body, type] = [value, "application/octet-stream"];
  else if (typeof value === "object" && isPlainData(value)) [body, type] = [JSON.stringify(value), "application/json; charset=utf-8"];
  else {
    throw new TypeError(
      `the handler for ${context.request.method} ${context.request.path} returned a ${describe(value)}; ` +
        "return a string, Template, Fragment, Page, OOB, ValidationError, Suspense, EventStream, Reply, Redirect, a plain object or an array",
    );
  }
  await sendBody(
    context.request.raw,
    response,
    value instanceof ValidationError ? value.status : status,
    { bytes: body, type },
    context.send,
  );
}
