/** The htmx an app's pages run: 2 (with the `htmx-ext-sse` extension) or 4 (with its `hx-sse` extension). */
export type HtmxVersion = 2 | 4;
