/** Testing helpers for chirp apps: a client that talks real HTTP. */
export { TestClient, type ReceivedEvent, type RequestOptions, type SSEOptions, type SSEResult, type TestResponse } from "./test-client.ts";
