import { assetUrl } from "../assets.ts";
import type { HtmxVersion } from "../htmx-version.ts";
import type { Severity } from "./report.ts";
import type { TemplateElement } from "./template-scan.ts";

/** Markup that only one htmx version understands, and what to write for the other. */
export interface VersionOnly {
  /** The version that understands it. */
  version: HtmxVersion;
  /** How it is written, for messages: `sse-swap`, `<hx-partial>`, `hx-target:inherited`… */
  written: string;
  /** Whether `element` uses it; the line is where. */
  find(element: TemplateElement): { line: number } | undefined;
  /** An error when the other version ignores it; a warning when it still works there but is on its way out. */
  severity: Severity;
  /** What to do instead in the other version. */
  instead: string;
}

function attribute(name: string) {
  return (element: TemplateElement) => element.attributes.get(name);
}

/** An attribute whose name matches `pattern`, such as the `:inherited` modifiers of htmx 4. */
function attributeLike(pattern: RegExp) {
  return (element: TemplateElement) => [...element.attributes].find(([name]) => pattern.test(name))?.[1];
}

function tag(name: string) {
  return (element: TemplateElement) => (element.tag === name ? element : undefined);
}

/** A `<script>` loading one of chirp's own files. */
function script(...files: Parameters<typeof assetUrl>[0][]) {
  const urls = files.map(assetUrl);
  return (element: TemplateElement) => {
    const src = element.tag === "script" ? element.attributes.get("src") : undefined;
    return src && urls.includes(src.value.trim()) ? src : undefined;
  };
}

/** `hx-trigger="sse:name"`: htmx 2's SSE extension fires these on the listening element. */
function sseTrigger(element: TemplateElement) {
  const trigger = element.attributes.get("hx-trigger");
  return trigger && /(^|,)\s*sse:/.test(trigger.value) ? trigger : undefined;
}

/** What htmx 2 understands and htmx 4 does not, or no longer for long, and the other way round. */
export const VERSION_ONLY: readonly VersionOnly[] = [
  { version: 2, written: "sse-swap", find: attribute("sse-swap"), severity: "error", instead: "remove it: htmx 4 swaps unnamed messages into the connecting element's target and each <hx-partial> into the target it names" },
  { version: 2, written: "hx-trigger=\"sse:…\"", find: sseTrigger, severity: "error", instead: "trigger on the event's own name: htmx 4 dispatches a named message as a DOM event on the connecting element" },
  { version: 2, written: "sse-connect", find: attribute("sse-connect"), severity: "warning", instead: "write hx-sse:connect (hx-sse still reads sse-connect, with a deprecation warning)" },
  { version: 2, written: "sse-close", find: attribute("sse-close"), severity: "warning", instead: "write hx-sse:close (hx-sse still reads sse-close, with a deprecation warning)" },
  { version: 2, written: "hx-ext", find: attribute("hx-ext"), severity: "warning", instead: "remove it: in htmx 4 loading an extension's script is enough" },
  { version: 2, written: "hx-vars", find: attribute("hx-vars"), severity: "error", instead: "write hx-vals with a js: value" },
  { version: 2, written: "hx-params", find: attribute("hx-params"), severity: "error", instead: "remove it, and filter the parameters in an htmx:config:request listener" },
  { version: 2, written: "hx-disinherit", find: attribute("hx-disinherit"), severity: "error", instead: "remove it: htmx 4 inherits only attributes written with :inherited" },
  { version: 2, written: "hx-inherit", find: attribute("hx-inherit"), severity: "error", instead: "write the :inherited modifier on the attributes to inherit" },
  { version: 2, written: "hx-request", find: attribute("hx-request"), severity: "error", instead: "write hx-config" },
  { version: 2, written: "hx-disabled-elt", find: attribute("hx-disabled-elt"), severity: "error", instead: "write hx-disable, which in htmx 4 disables elements during a request" },
  { version: 2, written: "This <script>", find: script("htmx.min.js", "htmx.js", "htmx-ext-sse.js"), severity: "error", instead: "load {{ htmx_scripts }}, which gives the app's own version" },
  { version: 4, written: "hx-sse:connect", find: attribute("hx-sse:connect"), severity: "error", instead: 'write hx-ext="sse" sse-connect' },
  { version: 4, written: "hx-sse:close", find: attribute("hx-sse:close"), severity: "error", instead: "write sse-close" },
  { version: 4, written: "<hx-partial>", find: tag("hx-partial"), severity: "error", instead: "send an event named after an sse-swap listener, or an element marked hx-swap-oob" },
  { version: 4, written: "hx-action", find: attribute("hx-action"), severity: "error", instead: "write hx-get, hx-post or another method attribute" },
  { version: 4, written: "hx-method", find: attribute("hx-method"), severity: "error", instead: "write hx-get, hx-post or another method attribute" },
  { version: 4, written: "hx-config", find: attribute("hx-config"), severity: "error", instead: "write hx-request" },
  { version: 4, written: "hx-ignore", find: attribute("hx-ignore"), severity: "error", instead: "write hx-disable, which in htmx 2 stops htmx processing" },
  { version: 4, written: "hx-status:…", find: attributeLike(/^hx-status:/), severity: "error", instead: "handle the status in an htmx:beforeSwap listener" },
  { version: 4, written: "The :inherited or :append modifier", find: attributeLike(/^hx-[\w-]+(:inherited|:append)+$/), severity: "error", instead: "write the plain attribute: htmx 2 inherits every attribute" },
  { version: 4, written: "This <script>", find: script("htmx4.min.js", "htmx4.js", "hx-sse.js"), severity: "error", instead: "load {{ htmx_scripts }}, which gives the app's own version" },
];
