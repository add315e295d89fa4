/**
 * chirp: HTML over the wire for Node. Routes return intent (`Template`, `Fragment`,
 * `Page`, `OOB`, `ValidationError`, `Suspense`, `EventStream`, `SSEEvent`, strings,
 * objects); the app renders and streams it.
 */
export { App, type AppInit } from "./app.ts";
export type { ListenOptions, Listening } from "./listening.ts";
export { AppConfig, type AppConfigInit, type HtmxVersion } from "./config.ts";
export type { CompressOptions } from "./compression.ts";
export type { StaticOptions } from "./static-files.ts";
export { assetUrl, htmxScripts, type AssetName } from "./assets.ts";
export { escapeHtml } from "./escape-html.ts";
export { relativePaths } from "./relative-paths.ts";
export { HttpError } from "./http-error.ts";
export { isMain } from "./is-main.ts";
export type { CheckOptions, ContractIssue, ContractReport, RuleId, Severity } from "./contracts/index.ts";
export { consoleLogger, silentLogger, type Logger } from "./logger.ts";
export { Redirect, Reply, type ReplyInit } from "./reply.ts";
export { ChirpRequest, type Query } from "./request.ts";
export type { Handler, Route, RouteOptions } from "./route.ts";
export { Channel, DEFAULT_QUEUE, RESET_EVENT, type ChannelOptions, type SubscribeOptions, type SubscribeRequest } from "./realtime/channel.ts";
export { memoryChannels, type AppChannel, type ChannelBackend } from "./realtime/channel-backend.ts";
export { encodeComment, encodeEvent } from "./realtime/encode.ts";
export { EventStream, DEFAULT_HEARTBEAT_MS, type EventStreamOptions, type StreamSource } from "./realtime/event-stream.ts";
export { SSEEvent, type SSEEventInit } from "./realtime/sse-event.ts";
export { Fragment, type FragmentOptions } from "./templating/fragment.ts";
export { OOB, type OOBMain } from "./templating/oob.ts";
export { Page, type PageOptions } from "./templating/page.ts";
export { Suspense } from "./templating/suspense.ts";
export { Template, type TemplateContext } from "./templating/template.ts";
export { TemplateEngine, type TemplateEngineOptions } from "./templating/template-engine.ts";
export { TemplateError, type TemplateLocation } from "./templating/template-error.ts";
export { ValidationError, type ValidationErrorOptions } from "./templating/validation-error.ts";
