import { setTimeout as sleep } from "node:timers/promises";
import { App, AppConfig, EventStream, Fragment, HttpError, Template, isMain } from "chirp";

export const app = new App({
  config: new AppConfig({ templateDir: new URL("./templates", import.meta.url), sseCloseEvent: "done" }),
});

/** Milliseconds between tokens: 60, or the LLM_TOKEN_MS environment variable. */
function tokenMs(): number {
  const fromEnv = Number(process.env.LLM_TOKEN_MS);
  return process.env.LLM_TOKEN_MS && fromEnv >= 0 ? fromEnv : 60;
}

/** The simulated model: no network, the same answer for the same question, one word (and its space) per token. */
export function answerTokens(question: string): string[] {
  const text =
    `You asked: “${question}”. This answer comes from a simulated model, so it is the same every time. ` +
    "A real model would be called here, and each piece it produced would be yielded as it arrived. " +
    "The browser appends every token to the answer as it arrives, the cursor blinks while " +
    "the stream is open, and the close event ends it. Press Stop to end it early: the server stops " +
    "the generator, and its finally block runs.";
  return text.match(/\S+\s*/g) ?? [];
}

/** Questions asked and not yet streamed; each is streamed once, so a reconnect cannot start it again. */
const pending = new Map<number, { question: string; stop: AbortController; started: boolean }>();
let lastId = 0;

/** How each generation ended (read by the test): `done`, `stopped` or `left`. */
export const endings = new Map<number, "done" | "stopped" | "left">();

app.route("/", () => new Template("llm.html"));

app.route("/ask", { methods: ["POST"] }, async (req) => {
  const question = (await req.form()).get("question")?.trim() ?? "";
  if (!question) throw new HttpError(400, "Type a question first.");
  const id = ++lastId;
  pending.set(id, { question, stop: new AbortController(), started: false });
  return new Fragment("llm.html", "answer", { id, question });
});

app.route("/answers/:id/stop", { methods: ["POST"] }, (req) => {
  pending.get(Number(req.params.id))?.stop.abort();
  return null; // 204, nothing to swap: the stream itself shows that it stopped
});

app.route("/answers/:id/stream", { referenced: true }, (req) => {
  const id = Number(req.params.id);
  const answer = pending.get(id);
  // 204 tells EventSource to stop for good: an unknown or already streamed answer is not started again.
  if (!answer || answer.started) return null;
  answer.started = true;
  const signal = AbortSignal.any([req.signal, answer.stop.signal]);

  // Each fragment names its place in this answer (answer-3, status-3): the event htmx 2 listens for,
  // the element htmx 4 swaps into. The page may hold several answers.
  async function* generate() {
    let sent = 0;
    try {
      for (const token of answerTokens(answer!.question)) {
        await sleep(tokenMs(), undefined, { signal });
        yield new Fragment("llm.html", "token", { token }, { target: `answer-${id}`, swap: "beforeend" });
        sent += 1;
      }
      endings.set(id, "done");
      yield new Fragment("llm.html", "end", { stopped: false, sent }, { target: `status-${id}`, swap: "outerHTML" });
    } catch (error) {
      if (!answer!.stop.signal.aborted) throw error;
      endings.set(id, "stopped");
      yield new Fragment("llm.html", "end", { stopped: true, sent }, { target: `status-${id}`, swap: "outerHTML" });
    } finally {
      // Runs however the stream ends: finished, stopped, or the reader left.
      if (!endings.has(id)) endings.set(id, "left");
      pending.delete(id);
    }
  }
  return new EventStream(generate());
});

if (isMain(import.meta)) app.run();
