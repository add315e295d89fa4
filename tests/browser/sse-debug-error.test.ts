import { expect, it } from "vitest";
import { App, AppConfig, EventStream, Fragment, SSEEvent, Template } from "chirp";
import { appInChromium } from "../support/app-in-chromium.ts";
import { recordingLogger } from "../support/recording-logger.ts";
import { screenshot } from "../support/screenshots.ts";

/** The SSE example's page, in debug, fed a notification that fails to render between two good ones. */
const app = new App({
  config: new AppConfig({ templateDir: new URL("../../examples/sse/templates", import.meta.url), sseCloseEvent: "close", debug: true, logger: recordingLogger() }),
});
app.route("/", () => new Template("feed.html"));
app.route("/events", { referenced: true }, () => new EventStream([
  new SSEEvent({ data: "connected", event: "status" }),
  new Fragment("feed.html", "notification", { title: "Welcome", message: "Before the broken one." }),
  new Fragment("feed.html", "<b>notifcation</b>", { title: "Typo" }, { target: "notification" }),
  new Fragment("feed.html", "notification", { title: "Resolved", message: "After the broken one." }),
]));

const live = appInChromium(() => app.listen({ port: 0 }));

for (const { name, width, colorScheme } of [
  { name: "wide-light", width: 1440, colorScheme: "light" },
  { name: "narrow-dark", width: 390, colorScheme: "dark" },
] as const) {
  it(`shows a fragment's render error where the fragment would have gone, as text (${name})`, async () => {
    const page = await live.browser.newPage({ viewport: { width, height: 720 }, colorScheme });
    await page.goto(live.server.url);
    await expect.poll(() => page.locator("#feed > *").count(), { timeout: 15_000 }).toBe(4);
    const children = await page.locator("#feed > :not(.waiting)").evaluateAll((nodes) =>
      nodes.map((node) => (node.hasAttribute("data-chirp-error") ? "error" : node.querySelector("strong")!.textContent)),
    );
    expect(children).toEqual(["Welcome", "error", "Resolved"]);
    const block = page.locator("#feed [data-chirp-error]");
    expect(await block.getAttribute("role")).toBe("alert");
    expect(await block.locator("strong").textContent()).toBe('Fragment "<b>notifcation</b>" of feed.html failed to render');
    expect(await block.locator("pre").textContent()).toContain('no block "<b>notifcation</b>" in template "feed.html"');
    expect(await block.locator("b").count()).toBe(0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    await screenshot(page, `sse-debug-error-${name}`);
    await page.close();
  });
}
