import type { ServerResponse } from "node:http";
import type { HtmxVersion } from "../htmx-version.ts";
import { isThenable } from "../is-thenable.ts";
import type { Logger } from "../logger.ts";
import { Fragment } from "../templating/fragment.ts";
import { CoalescingWriter } from "./coalescing-writer.ts";
import { encodeComment, encodeEvent } from "./encode.ts";
import { errorBlock } from "./error-block.ts";
import type { EventStream } from "./event-stream.ts";
import { Published } from "./published.ts";
import { RECONNECT } from "./reconnect.ts";
import { relativePaths } from "../relative-paths.ts";
import { SSEEvent } from "./sse-event.ts";
import { SourceIterator } from "./source-iterator.ts";
import { Subscription } from "./subscription.ts";
import { toSSEEvent, type RenderFragment } from "./to-sse-event.ts";

/** What sending a stream needs from the app around it. */
export interface StreamContext {
  response: ServerResponse;
  /** Fires when the client goes away or the server shuts down. */
  signal: AbortSignal;
  renderFragment: RenderFragment;
  /** The htmx the page runs, which decides how fragments are sent. */
  htmx: HtmxVersion;
  /** Event sent after the source is exhausted normally, if any. */
  closeEvent: string | undefined;
  /** Reconnection delay sent first when the stream sets none of its own, if any. */
  retry: number | undefined;
  /** How long to wait for a client that takes nothing before ending the stream. */
  stallTimeoutMs: number;
  debug: boolean;
  logger: Logger;
  /** Names the stream in logs, e.g. `GET /events`. */
  label: string;
}

/** Response headers of every event stream. */
export const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache",
  "x-accel-buffering": "no",
  connection: "keep-alive",
} as const;

/** Resolves once the response can take more data, or can take none ever again; to false when `stallMs` passed first. */
function writable(response: ServerResponse, signal: AbortSignal, stallMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (drained: boolean) => {
      clearTimeout(stalled);
      response.off("drain", ready);
      response.off("close", ready);
      signal.removeEventListener("abort", ready);
      resolve(drained);
    };
    const ready = () => done(true);
    const stalled = setTimeout(() => done(false), stallMs);
    response.on("drain", ready);
    response.on("close", ready);
    signal.addEventListener("abort", ready);
  });
}

const HEARTBEAT = encodeComment("heartbeat");

/** The event last encoded, and its text: the streams of a channel encode each broadcast event once between them. */
let lastEvent: SSEEvent | undefined;
let lastText = "";

/** The wire text of `event`, reused while every subscriber of a broadcast asks for the same event. */
function wireText(event: SSEEvent): string {
  if (event !== lastEvent) {
    lastText = encodeEvent(event);
    lastEvent = event;
  }
  return lastText;
}

function errorMessage(error: unknown): string {
  return relativePaths(error instanceof Error ? (error.stack ?? error.message) : String(error));
}

/**
 * What a debug stream sends for a value that failed to render: an HTML error block
 * under the fragment's own event name, so it shows where the fragment would have;
 * any other value's block goes out as an `error` event.
 */
function renderFailure(value: unknown, error: unknown): SSEEvent {
  const message = error instanceof Error ? error.message : String(error);
  if (value instanceof Fragment) {
    return new SSEEvent({ event: value.eventName, data: errorBlock(`Fragment "${value.block}" of ${value.template}`, message) });
  }
  return new SSEEvent({ event: "error", data: errorBlock("A stream value", message) });
}

/**
 * Sends `stream` as Server-Sent Events on `response` and resolves when it is over.
 *
 * Lifecycle: headers are flushed at once; values are pulled one at a time, and not
 * while the socket has more than it can take (backpressure; a client that takes
 * nothing for the stall timeout is cut off); events that are ready
 * one after another go out in one write, flushed as soon as the source waits (see
 * `CoalescingWriter`); idle periods get a
 * heartbeat comment; when the client leaves, the source is finished with `return()`
 * so its `finally` runs; a yielded `RECONNECT` ends the stream without the close
 * event; a value that fails to render is skipped (in debug, an HTML error block
 * goes in its place); an exception from the source ends the stream with an `error` event.
 */
export async function sendEventStream(stream: EventStream, context: StreamContext): Promise<void> {
  const { response, signal, logger, label, debug } = context;
  const source = new SourceIterator(stream.source, (error) => logger.error(`${label}: stream clean-up failed: ${errorMessage(error)}`));
  signal.addEventListener("abort", source);

  response.writeHead(200, SSE_HEADERS);
  response.flushHeaders();

  const heartbeat =
    stream.heartbeatMs > 0
      ? setInterval(() => {
          if (!response.writableNeedDrain && !response.destroyed) response.write(HEARTBEAT);
        }, stream.heartbeatMs)
      : undefined;
  /** The wait for the socket to drain, whoever filled it (this loop, or a broadcast sent from `publish()`): one at a time. */
  let draining: Promise<void> | undefined;
  /** Resolves once the socket can take more, or never will; ends the stream when the client takes nothing for the stall timeout. */
  const drained = (): Promise<void> =>
    (draining ??= writable(response, signal, context.stallTimeoutMs).then((taken) => {
      draining = undefined;
      if (taken) return;
      logger.warn(`${label}: the client took nothing for ${context.stallTimeoutMs} ms; the stream was ended`);
      response.destroy();
    }));
  const writer = new CoalescingWriter(response, () => heartbeat?.refresh(), drained);
  const { renderFragment, htmx } = context;
  const { eventType } = stream;
  if (source.iterator instanceof Subscription) {
    // A value that is ready and fits goes out from inside `publish()`; anything else goes through the loop below.
    source.iterator.forwardTo((value) => {
      if (signal.aborted || response.destroyed || response.writableNeedDrain) return false;
      let made: SSEEvent | Promise<SSEEvent>;
      try {
        made = toSSEEvent(value, renderFragment, eventType, htmx);
      } catch {
        return false; // never throw into publish(): the other subscribers would miss the event; the loop reports it
      }
      if (isThenable(made)) return false;
      writer.push(wireText(made));
      return true;
    });
  }
  /** Set when the source asked the browser to reconnect: no close event then. */
  let reconnect = false;

  try {
    const retry = stream.retry ?? context.retry;
    if (retry !== undefined) writer.push(`retry: ${retry}\n\n`);
    while (!signal.aborted) {
      if (response.writableNeedDrain) {
        await drained();
        if (response.destroyed) break;
        continue;
      }
      const next = source.next();
      const step = isThenable(next) ? await next : next;
      if (step.done) {
        source.ended();
        break;
      }
      if (signal.aborted) break;
      if (step.value === RECONNECT) {
        reconnect = true;
        break;
      }
      let event: SSEEvent;
      try {
        const made = toSSEEvent(step.value, renderFragment, eventType, htmx);
        event = isThenable(made) ? await made : made;
      } catch (error) {
        logger.warn(`${label}: an event was ${debug ? "replaced by an error block" : "skipped"}: ${errorMessage(error)}`);
        if (!debug) continue;
        event = renderFailure(step.value instanceof Published ? step.value.value : step.value, error);
      }
      writer.push(wireText(event));
    }
    if (!signal.aborted && !reconnect && context.closeEvent !== undefined) {
      writer.push(encodeEvent(new SSEEvent({ event: context.closeEvent, data: "" })));
    }
  } catch (error) {
    source.ended();
    if (!signal.aborted && !response.destroyed) {
      logger.error(`${label}: the stream's source threw; ending the stream: ${errorMessage(error)}`);
      const data = debug && error instanceof Error ? `${error.name}: ${error.message}` : "The stream ended because of a server error.";
      writer.push(encodeEvent(new SSEEvent({ event: "error", data })));
    }
  } finally {
    clearInterval(heartbeat);
    signal.removeEventListener("abort", source);
    source.finish();
    if (signal.aborted) writer.discard();
    writer.end();
  }
}
