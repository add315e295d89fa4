/**
 * A value a stream's source yields to end the stream *without* the close event,
 * so the browser's `EventSource` reconnects (sending `Last-Event-ID`). A channel
 * subscription yields it when it is cut off or its own `signal` aborts; yield
 * subscription values through unchanged (`yield*`) so it reaches the stream.
 */
export const RECONNECT: unique symbol = Symbol("chirp.reconnect");
