/** Fields of one Server-Sent Event. */
export interface SSEEventInit {
  /** The payload; split into one `data:` line per line. Objects are not accepted here: pass JSON text. */
  data: string;
  /** Event name (`event:`); omitted means the browser's default `message`. */
  event?: string;
  /** Event id (`id:`); the browser sends it back as `Last-Event-ID` when it reconnects. */
  id?: string;
  /** Reconnection delay in milliseconds (`retry:`). */
  retry?: number;
}

const FORBIDDEN_IN_FIELD = /[\r\n\0]/;

/** The event name last found free of CR, LF and NUL: a run of events of one name has it checked once, not per event. */
let lastCheckedEvent: string | undefined;

function checkField(name: "event" | "id", value: string | undefined): void {
  if (value === undefined || value === lastCheckedEvent) return;
  if (typeof value !== "string") throw new TypeError(`SSEEvent ${name} must be a string, got ${typeof value}`);
  const bad = FORBIDDEN_IN_FIELD.exec(value);
  if (bad) {
    const shown = bad[0] === "\r" ? "CR (\\r)" : bad[0] === "\n" ? "LF (\\n)" : "NUL (\\0)";
    throw new TypeError(`SSEEvent ${name} must not contain ${shown}: ${JSON.stringify(value)}`);
  }
  if (name === "event") lastCheckedEvent = value;
}

/** One Server-Sent Event exactly as given; fields are checked when it is built. */
export class SSEEvent {
  readonly data: string;
  readonly event: string | undefined;
  readonly id: string | undefined;
  readonly retry: number | undefined;

  constructor(init: SSEEventInit) {
    if (typeof init.data !== "string") {
      throw new TypeError(`SSEEvent data must be a string, got ${init.data === null ? "null" : typeof init.data}`);
    }
    checkField("event", init.event);
    checkField("id", init.id);
    if (init.retry !== undefined && !(Number.isInteger(init.retry) && init.retry >= 0)) {
      throw new TypeError(`SSEEvent retry must be a non-negative integer of milliseconds, got ${String(init.retry)}`);
    }
    this.data = init.data;
    this.event = init.event;
    this.id = init.id;
    this.retry = init.retry;
    Object.freeze(this);
  }
}
