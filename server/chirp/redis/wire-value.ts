import { SSEEvent } from "../realtime/sse-event.ts";
import { Fragment } from "../templating/fragment.ts";
import type { TemplateContext } from "../templating/template.ts";

/** A published value as JSON in a Redis Stream entry: which kind it is, and its parts. */
type WireValue =
  | { text: string }
  | { event: { data: string; event?: string; id?: string; retry?: number } }
  | { fragment: [template: string, block: string, context: TemplateContext, options: { target?: string; swap?: string }] }
  | { json: unknown };

/** `value` as the text a Redis Stream entry holds; throws a TypeError when it is not JSON (a cycle, a BigInt). */
export function encodeValue(value: unknown): string {
  const wire: WireValue =
    typeof value === "string"
      ? { text: value }
      : value instanceof SSEEvent
        ? { event: { ...value } }
        : value instanceof Fragment
          ? { fragment: [value.template, value.block, value.context, { target: value.target, swap: value.swap }] }
          : { json: value };
  try {
    return JSON.stringify(wire);
  } catch (error) {
    throw new TypeError(`redisChannels: a published value must be JSON to cross processes: ${(error as Error).message}`);
  }
}

/** The value `encodeValue` wrote: a string, an `SSEEvent`, a `Fragment` or a plain object. */
export function decodeValue(text: string): unknown {
  const wire = JSON.parse(text) as WireValue;
  if ("text" in wire) return wire.text;
  if ("event" in wire) return new SSEEvent(wire.event);
  if ("fragment" in wire) {
    const [template, block, context, options] = wire.fragment;
    return new Fragment(template, block, context, options);
  }
  return wire.json;
}
