import { describe, expect, it } from "vitest";
import { checkFixture } from "./support.ts";

/** The parts of each issue a test pins down: everything but the wording of the message. */
async function found(fixture: string) {
  return (await checkFixture(fixture)).map(({ severity, rule, file, line, route }) => ({ severity, rule, file, line, route }));
}

describe("contract rules, one broken fixture each", () => {
  it("orphan-route: a GET route no template links to, named at its app.route() line", async () => {
    expect(await found("orphan-route")).toEqual([{ severity: "warning", rule: "orphan-route", file: "app.ts", line: 8, route: "/about" }]);
  });

  it("route-returns-undefined: a forgotten return, an if without else and a bare return, each at its line; loops are given the benefit of the doubt", async () => {
    expect(await found("route-returns-undefined")).toEqual([
      { severity: "error", rule: "route-returns-undefined", file: "app.ts", line: 8, route: "/forgot" },
      { severity: "error", rule: "route-returns-undefined", file: "app.ts", line: 11, route: "/sometimes" },
      { severity: "error", rule: "route-returns-undefined", file: "app.ts", line: 14, route: "/bare" },
    ]);
  });

  it("unknown-route: a link to no route and a POST to a GET-only route; Nunjucks loops, filters and layouts read right", async () => {
    expect(await found("unknown-route")).toEqual([
      { severity: "error", rule: "unknown-route", file: "templates/items.html", line: 9, route: undefined },
      { severity: "error", rule: "unknown-route", file: "templates/items.html", line: 10, route: undefined },
    ]);
  });

  it("sse-self-swap: sse-swap on the element carrying sse-connect with an outerHTML swap, or an innerHTML swap over inner listeners, at the sse-swap line; a plain self swap (it works) is not reported", async () => {
    expect(await found("sse-self-swap")).toEqual([
      { severity: "error", rule: "sse-self-swap", file: "templates/page.html", line: 5, route: undefined },
      { severity: "error", rule: "sse-self-swap", file: "templates/page.html", line: 9, route: undefined },
    ]);
  });

  it("sse-inherited-target: sse-swaps under an ancestor's hx-target, a layout's included, once per sse-connect; hx-disinherit, own targets and the connect's own target pass", async () => {
    const issues = await checkFixture("sse-inherited-target");
    expect(issues.map(({ severity, rule, file, line }) => ({ severity, rule, file, line }))).toEqual([
      { severity: "warning", rule: "sse-inherited-target", file: "templates/child.html", line: 3 },
      { severity: "warning", rule: "sse-inherited-target", file: "templates/page.html", line: 4 },
      { severity: "warning", rule: "sse-inherited-target", file: "templates/page.html", line: 34 },
    ]);
    expect(issues[0]?.message).toContain('sse-swap="status" inside sse-connect="/events" inherits hx-target="#results" (set on a <main> at templates/layout.html:4)');
    expect(issues[1]?.message).toBe(
      'sse-swap="notification, status" inside sse-connect="/events" inherits hx-target="#main" (set on a <main> at line 3), ' +
        "so each event is swapped into that target instead of the listening element. " +
        'Add hx-disinherit="hx-target" to that <main> or to the sse-connect element, or give the listening element its own hx-target.',
    );
    expect(issues[2]?.message).toContain('sse-swap="status" inside sse-connect="/events" inherits hx-target="body" (set on a <div> at line 31)');
  });

  it("sse-not-stream: sse-connect to a route whose handler returns a Template, and to one declared stream: false", async () => {
    expect(await found("sse-not-stream")).toEqual([
      { severity: "error", rule: "sse-not-stream", file: "templates/page.html", line: 3, route: "/updates" },
      { severity: "error", rule: "sse-not-stream", file: "templates/page.html", line: 6, route: "/legacy" },
    ]);
  });

  it("sse-event-mismatch: a listener for an undeclared event (warning) and a declared event nobody hears (info)", async () => {
    expect(await found("sse-event-mismatch")).toEqual([
      { severity: "info", rule: "sse-event-mismatch", file: "app.ts", line: 7, route: "/clock" },
      { severity: "warning", rule: "sse-event-mismatch", file: "templates/page.html", line: 5, route: "/clock" },
    ]);
  });

  it("unknown-block: a Fragment block the template lacks, found in a relatively imported module under an import alias", async () => {
    const issues = await checkFixture("unknown-block");
    expect(issues.map(({ severity, rule, file, line }) => ({ severity, rule, file, line }))).toEqual([
      { severity: "error", rule: "unknown-block", file: "rows.ts", line: 5 },
    ]);
    expect(issues[0]?.message).toContain('"row"');
  });

  it("unknown-template: a Template naming a file that is not in the template folder", async () => {
    const issues = await checkFixture("unknown-template");
    expect(issues.map(({ severity, rule, file, line }) => ({ severity, rule, file, line }))).toEqual([{ severity: "error", rule: "unknown-template", file: "app.ts", line: 6 }]);
    expect(issues[0]?.message).toBe('Template("pages.html"): no such template in templates.');
  });

  it("template-error: a template that does not compile is one issue at its own line, however many routes use it", async () => {
    const issues = await checkFixture("template-error");
    expect(issues).toEqual([
      {
        severity: "error",
        rule: "template-error",
        file: "templates/broken.html",
        line: 11,
        message: expect.stringMatching(/^broken\.html does not compile \(line 11, column \d+\): /),
      },
    ]);
  });

  it("channels: events published with a literal name on a subscribed channel count as sent; only the unsent name is reported", async () => {
    expect(await found("channel-events")).toEqual([{ severity: "warning", rule: "sse-event-mismatch", file: "templates/page.html", line: 6, route: "/feed" }]);
  });

  it("sse-close-unsent: sse-close waiting for an event neither sseCloseEvent nor the route's events name", async () => {
    expect(await found("sse-close-unsent")).toEqual([{ severity: "warning", rule: "sse-close-unsent", file: "templates/page.html", line: 3, route: "/events" }]);
  });

  it("unknown-block: a Page's pageBlock and a ValidationError's block the template lacks; the Page's own blocks pass", async () => {
    const issues = await checkFixture("htmx-unknown-block");
    expect(issues.map(({ severity, rule, file, line }) => ({ severity, rule, file, line }))).toEqual([
      { severity: "error", rule: "unknown-block", file: "app.ts", line: 6 },
      { severity: "error", rule: "unknown-block", file: "app.ts", line: 8 },
    ]);
    expect(issues[0]?.message).toBe('Page("search.html", "content"): search.html has no block "content" (its blocks: "main", "results").');
    expect(issues[1]?.message).toContain('ValidationError("search.html", "signup")');
  });

  it("oob-unknown-target: an out-of-band target no template id matches; ids with {{ }} parts, the element's own id and the main value pass", async () => {
    const issues = await checkFixture("oob-unknown-target");
    expect(issues.map(({ severity, rule, file, line }) => ({ severity, rule, file, line }))).toEqual([{ severity: "warning", rule: "oob-unknown-target", file: "app.ts", line: 13 }]);
    expect(issues[0]?.message).toBe(
      'Fragment("todo.html", "count") is swapped out of band into #cuont, but no template has an element with id="cuont": ' +
        "htmx will find nothing to swap and drop it. Correct the target, or give the element that id.",
    );
  });

  it("suspense-unused-key: a deferred key only the shell reads; keys read in a block, also through failed.<key>, pass", async () => {
    const issues = await checkFixture("suspense-unused-key");
    expect(issues.map(({ severity, rule, file, line }) => ({ severity, rule, file, line }))).toEqual([{ severity: "warning", rule: "suspense-unused-key", file: "app.ts", line: 8 }]);
    expect(issues[0]?.message).toContain('Suspense("dashboard.html") defers "orders", but no {% block %} of dashboard.html reads it');
  });
  it("htmx-version: htmx 2 wiring in an htmx 4 app — errors where htmx 4 ignores it, warnings where hx-sse still reads it", async () => {
    const issues = await checkFixture("htmx-version-2-in-4");
    expect(issues.map(({ severity, rule, line }) => ({ severity, rule, line }))).toEqual([
      { severity: "error", rule: "htmx-version", line: 3 },
      { severity: "error", rule: "htmx-version", line: 4 },
      { severity: "warning", rule: "htmx-version", line: 5 },
      { severity: "warning", rule: "htmx-version", line: 5 },
      { severity: "warning", rule: "htmx-version", line: 5 },
      { severity: "error", rule: "htmx-version", line: 6 },
      { severity: "error", rule: "htmx-version", line: 7 },
      { severity: "error", rule: "htmx-version", line: 7 },
    ]);
    expect(issues.find((one) => one.line === 6)?.message).toBe(
      "sse-swap belongs to htmx 2, but the app runs htmx 4: remove it: htmx 4 swaps unnamed messages into the connecting element's target and each <hx-partial> into the target it names.",
    );
    expect(issues.map((one) => one.message.split(" belongs")[0])).toEqual(["This <script>", "This <script>", "sse-connect", "sse-close", "hx-ext", "sse-swap", 'hx-trigger="sse:…"', "hx-disinherit"]);
  });

  it("htmx-version and stream-needs-sse: htmx 4 wiring in an htmx 2 app, and an hx-post answered by a stream", async () => {
    const issues = await checkFixture("htmx-version-4-in-2");
    expect(issues.map(({ severity, rule, file, line, route }) => ({ severity, rule, file, line, route }))).toEqual([
      { severity: "error", rule: "htmx-version", file: "templates/page.html", line: 3, route: undefined },
      { severity: "error", rule: "htmx-version", file: "templates/page.html", line: 4, route: undefined },
      { severity: "error", rule: "htmx-version", file: "templates/page.html", line: 5, route: undefined },
      { severity: "error", rule: "htmx-version", file: "templates/page.html", line: 5, route: undefined },
      { severity: "error", rule: "htmx-version", file: "templates/page.html", line: 5, route: undefined },
      { severity: "error", rule: "stream-needs-sse", file: "templates/page.html", line: 6, route: "/ask" },
      { severity: "error", rule: "htmx-version", file: "templates/page.html", line: 9, route: undefined },
    ]);
    expect(issues.map((one) => one.message.split(" belongs")[0] ?? "").filter((written) => !written.includes("requests"))).toEqual([
      "This <script>",
      "This <script>",
      "hx-sse:connect",
      "hx-sse:close",
      "The :inherited or :append modifier",
      "<hx-partial>",
    ]);
    expect(issues[5]?.message).toContain('hx-post="/ask" requests POST /ask, which answers with an EventStream; htmx 2 would swap the raw event text.');
  });

  it("hx-partial-target: streamed fragments and written partials aimed at ids no element has; selectors and present ids pass", async () => {
    const issues = await checkFixture("hx-partial-target");
    expect(issues.map(({ severity, rule, file, line }) => ({ severity, rule, file, line }))).toEqual([
      { severity: "warning", rule: "hx-partial-target", file: "app.ts", line: 10 },
      { severity: "warning", rule: "hx-partial-target", file: "app.ts", line: 11 },
      { severity: "warning", rule: "hx-partial-target", file: "templates/page.html", line: 8 },
    ]);
    expect(issues[0]?.message).toContain('Fragment("page.html", "item") is streamed as an <hx-partial> aimed at #fede, but no template has an element with id="fede"');
    expect(issues[1]?.message).toContain("aimed at #count");
    expect(issues[2]?.message).toBe('<hx-partial hx-target="#totl"> names no element: no template has id="totl", so htmx drops the partial.');
  });
  it("orphan-route, sse-close-unsent, sse-not-stream: read htmx 4's hx-sse:connect and hx-sse:close as they read sse-connect and sse-close", async () => {
    const issues = await checkFixture("htmx4-wiring");
    expect(issues.map(({ severity, rule, file, line, route }) => ({ severity, rule, file, line, route }))).toEqual([
      { severity: "warning", rule: "orphan-route", file: "app.ts", line: 7, route: "/feed" },
      { severity: "warning", rule: "sse-close-unsent", file: "templates/page.html", line: 3, route: "/feed" },
      { severity: "error", rule: "sse-not-stream", file: "templates/page.html", line: 4, route: "/clock" },
    ]);
    expect(issues[0]?.message).toContain("GET /feed is reached only by hx-sse:connect (templates/page.html:3)");
    expect(issues[1]?.message).toMatch(/^hx-sse:close="done" waits for an event/);
    expect(issues[2]?.message).toMatch(/^hx-sse:connect="\/clock" opens GET \/clock, which returns Template/);
  });
});
