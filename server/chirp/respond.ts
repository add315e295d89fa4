import type { ServerResponse } from "node:http";
import { EventStream } from "./realtime/event-stream.ts";
import { Redirect, Reply } from "./reply.ts";
import type { ChirpRequest } from "./request.ts";
import { Fragment } from "./templating/fragment.ts";
import { Template } from "./templating/template.ts";
import type { TemplateEngine } from "./templating/template-engine.ts";

/** What turning a handler's result into a response needs. */
export interface RespondContext {
  request: ChirpRequest;
  response: ServerResponse;
  templates: TemplateEngine;
  /** Sends an event stream on the response; resolves when the stream is over. */
  stream(stream: EventStream): Promise<void>;
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

/**
 * Answers with a handler's return value: a string is HTML, a `Template` or `Fragment`
 * is rendered, an `EventStream` streams, a `Reply` sets status and headers, a
 * `Redirect` redirects, a plain object or array is JSON, `undefined` is 204.
 */
export async function respond(
  value: unknown,
  context: RespondContext,
  status = 200,
  headers: Readonly<Record<string, string>> = {},
): Promise<void> {
  if (value instanceof Reply) {
    return respond(value.body, context, value.status, { ...headers, ...value.headers });
  }
  const { response, templates } = context;
  for (const [name, header] of Object.entries(headers)) response.setHeader(name, header);

  if (value instanceof EventStream) return context.stream(value);
  if (value instanceof Redirect) {
    if (context.request.isHtmx) response.setHeader("hx-redirect", value.location);
    response.writeHead(value.status, { location: value.location }).end();
    return;
  }
  if (value === undefined || value === null) {
    response.writeHead(status === 200 ? 204 : status).end();
    return;
  }

  let body: string | Uint8Array;
  let type: string;
  if (typeof value === "string") [body, type] = [value, HTML];
  else if (value instanceof Template) [body, type] = [await templates.render(value.name, value.context), HTML];
  else if (value instanceof Fragment) [body, type] = [await templates.renderBlock(value.template, value.block, value.context), HTML];
  else if (value instanceof Uint8Array) [body, type] = [value, "application/octet-stream"];
  else if (typeof value === "object" && isPlainData(value)) [body, type] = [JSON.stringify(value), "application/json; charset=utf-8"];
  else {
    throw new TypeError(
      `the handler for ${context.request.method} ${context.request.path} returned a ${describe(value)}; ` +
        "return a string, Template, Fragment, EventStream, Reply, Redirect, a plain object or an array",
    );
  }
  if (!response.hasHeader("content-type")) response.setHeader("content-type", type);
  response.setHeader("content-length", Buffer.byteLength(body));
  response.statusCode = status;
  response.end(context.request.method === "HEAD" ? undefined : body);
}
