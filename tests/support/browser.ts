import { chromium, type Browser, type Page, type Request } from "playwright-core";

/** The flags every browser test starts Debian's Chromium with: headless, offline-friendly. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Starts Debian's Chromium (`/usr/bin/chromium`, or CHROMIUM_PATH), with `args` after the usual flags. */
export function launchChromium(args: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: [...CHROMIUM_ARGS, ...args] });
}

/** Records every request a page makes, to assert none leaves the machine. */
export function recordRequests(page: Page): Request[] {
  const requests: Request[] = [];
  page.on("request", (request) => requests.push(request));
  return requests;
}

/** URLs among `requests` that go anywhere but loopback: 127.0.0.1, or a `*.localhost` name such as a run's (data: and blob: URLs are local). */
export function foreignRequests(requests: Request[]): string[] {
  return requests
    .map((request) => request.url())
    .filter((url) => !/^(data|blob|about):/.test(url) && !/^(127\.0\.0\.1|(.+\.)?localhost)$/.test(new URL(url).hostname));
}
