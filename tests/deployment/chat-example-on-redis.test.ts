import { afterAll, beforeAll, expect, it } from "vitest";
import { ExamplesOnRedis } from "../support/examples-on-redis.ts";
import type { SSEReader } from "../support/sse-reader.ts";
import { waitFor } from "../support/wait-for.ts";

/**
 * The chat example, unchanged, as three processes sharing one real redis-server
 * (CHIRP_REDIS_URL): the messages a newcomer's page shows and the presence list are
 * the same whichever process a tab talks to.
 */
const WAIT = 20_000;
let examples: ExamplesOnRedis;
let urls: string[];

const join = (url: string, name: string) => examples.read(`${url}events?name=${name}`);

/** The names in a reader's newest presence list. */
const present = (reader: SSEReader) => [...(reader.data("presence").at(-1) ?? "").matchAll(/<li>([^<]*)<\/li>/g)].map((match) => match[1]);

beforeAll(async () => {
  examples = await ExamplesOnRedis.start();
  urls = await Promise.all([examples.run("chat"), examples.run("chat"), examples.run("chat")]);
}, 60_000);

afterAll(async () => examples?.stop());

it("shows the same presence list and the same last messages on every process", async () => {
  const [first, second, third] = urls as [string, string, string];
  const ada = await join(first, "Ada");
  await waitFor(() => present(ada).includes("Ada"), "Ada's own presence", WAIT);
  const bob = await join(second, "Bob");
  for (const reader of [ada, bob]) await waitFor(() => present(reader).join() === "Ada,Bob", "Ada and Bob present on both processes", WAIT);

  expect((await fetch(`${third}messages`, { method: "POST", body: new URLSearchParams({ name: "Carol", text: "Hello from the third" }) })).status).toBe(204);
  for (const reader of [ada, bob]) await waitFor(() => reader.data("message").length === 1, "the message on both processes", WAIT);
  expect(bob.data("message")).toEqual(["<li><b>Carol</b>Hello from the third</li>"]);
  // A newcomer's page on any process lists it, and the names of everyone connected anywhere.
  for (const url of urls) {
    const page = await waitFor(async () => {
      const text = await (await fetch(url)).text();
      return text.includes("<b>Carol</b>Hello from the third") && text;
    }, `the message on the page of ${url}`, WAIT);
    expect(page).toMatch(/<li>Ada<\/li>\s*<li>Bob<\/li>/);
  }

  const carol = await join(third, "Carol");
  for (const reader of [ada, bob, carol]) await waitFor(() => present(reader).join() === "Ada,Bob,Carol", "three present everywhere", WAIT);
  ada.close();
  for (const reader of [bob, carol]) await waitFor(() => present(reader).join() === "Bob,Carol", "Ada gone everywhere", WAIT);
});
