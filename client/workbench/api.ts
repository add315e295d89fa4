/** The run API of the docs server, as the workbench uses it. */

import type { FeedMessage, HtmxVersion, Isolation, Problem, StartedRun, StartFailure, TestReport, TypeCheckReport } from "../../common/playground-protocol.ts";

export type { CheckOutcome, ContractIssue, FeedMessage, HtmxVersion, Isolation, Problem, SandboxExit, TestOutcome, TestReport } from "../../common/playground-protocol.ts";

/** An example's files by path, `app.ts` first. */
export type Files = Record<string, string>;

/** One frame message of a run's feed. */
export type FrameMessage = Extract<FeedMessage, { type: "frame" }>;

/** What the page learns about the server once. */
export interface Session {
  token: string;
  readOnly: boolean;
  /** Public mode: each example runs once, shared by every reader; a run is this reader's view of it. */
  shared: boolean;
  /** How runs are kept from the rest of the machine. */
  isolation: Isolation;
  /** Where the editor's types are, at a URL named by their content. */
  typesUrl: string;
}

/** The answer to Run: a run, why it did not start, or a refusal (read-only, limits). */
export type RunAnswer = StartedRun | StartFailure | { error: string };

/** The message of a refusal (the server's error page, or a JSON body), as `status: message`. */
async function refusal(response: Response): Promise<string> {
  return (await json<never>(response).catch((error: Error) => error)).message;
}

async function json<T>(response: Response): Promise<T> {
  if (response.headers.get("content-type")?.includes("application/json")) return (await response.json()) as T;
  const text = await response.text();
  const message = new DOMParser().parseFromString(text, "text/html").querySelector("main p, p")?.textContent ?? text;
  throw new Error(`${response.status}: ${message.trim()}`);
}

/** Why the server refused the stream at `url` (a second request that ends as soon as its answer is known). */
async function whyRefused(url: string): Promise<string> {
  const controller = new AbortController();
  try {
    const response = await fetch(url, { signal: controller.signal });
    return response.ok ? "The run's feed closed; press Run to watch it again." : await refusal(response);
  } catch (error) {
    return `The run's feed could not be reached (${error instanceof Error ? error.message : String(error)}).`;
  } finally {
    controller.abort();
  }
}

/** Talks to `/api/*` with the per-server token. */
export class RunApi {
  constructor(readonly session: Session) {}

  /** Fetches the token and mode: the only call made before a session exists. */
  static async connect(): Promise<RunApi> {
    return new RunApi(await json<Session>(await fetch("/api/playground")));
  }

  async example(name: string): Promise<Files> {
    return (await json<{ files: Files }>(await fetch(`/api/examples/${encodeURIComponent(name)}`))).files;
  }

  /** The declarations the editor loads. */
  async types(): Promise<{ path: string; text: string }[]> {
    return (await json<{ libs: { path: string; text: string }[] }>(await fetch(this.session.typesUrl))).libs;
  }

  /** Builds and starts `files` (or the unedited example when `files` is undefined) on `htmx`, ending `replaces` first. */
  async run(example: string, files: Files | undefined, replaces: string | undefined, htmx: HtmxVersion): Promise<RunAnswer> {
    const response = await this.#post("/api/runs", { example, files, replaces, htmx });
    if (response.status === 201 || response.status === 422) return json<RunAnswer>(response);
    return { error: await refusal(response) };
  }

  async test(example: string, files: Files | undefined, htmx: HtmxVersion): Promise<TestReport> {
    return json<TestReport>(await this.#post("/api/tests", { example, files, htmx }));
  }

  /** The TypeScript errors of `files` (or of the unedited example). */
  async typeCheck(example: string, files: Files | undefined): Promise<Problem[]> {
    return (await json<TypeCheckReport>(await this.#post("/api/type-check", { example, files }))).problems;
  }

  /**
   * Follows a run's feed; returns the EventSource so the caller can close it.
   * A feed the server refuses (over the open-streams limit of a public server, or
   * a run that is gone) closes at once, without saying why: it is asked once more,
   * plainly, and `onRefused` gets the server's message. A feed that drops before the
   * run's `exit` (the docs server went away) calls `onLost` while the browser tries again.
   */
  feed(id: string, onMessage: (message: FeedMessage) => void, onRefused: (message: string) => void, onLost: () => void): EventSource {
    const url = `/api/runs/${id}/feed?token=${encodeURIComponent(this.session.token)}`;
    const source = new EventSource(url);
    for (const type of ["page", "connection", "frame", "closed", "document", "chunk", "output", "check", "exit"]) {
      source.addEventListener(type, (event) => onMessage(JSON.parse((event as MessageEvent<string>).data) as FeedMessage));
    }
    source.addEventListener("exit", () => source.close());
    source.addEventListener("error", () => {
      if (source.readyState === EventSource.CLOSED) void whyRefused(url).then(onRefused);
      else onLost();
    });
    return source;
  }

  /** Ends a run; `keepalive` lets it go out while the page unloads. */
  stop(id: string): void {
    void fetch(`/api/runs/${id}`, { method: "DELETE", headers: { "x-chirp-token": this.session.token }, keepalive: true }).catch(() => {});
  }

  #post(url: string, body: unknown): Promise<Response> {
    return fetch(url, { method: "POST", headers: { "content-type": "application/json", "x-chirp-token": this.session.token }, body: JSON.stringify(body) });
  }
}
