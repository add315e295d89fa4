/**
 * This page's address for other people: the public one the server gave it
 * (`--public-url`, on the page actions, which htmx swaps with the page) when it has
 * one, else the one it was opened at; no fragment.
 */
export function pageAddress(): URL {
  const url = new URL(document.querySelector<HTMLElement>(".page-actions")?.dataset.url ?? location.href);
  url.hash = "";
  return url;
}

/** Whether `url` opens only on the machine it was made on: its host is a loopback name (`127.0.0.1`, `[::1]`, `localhost`, `*.localhost`). */
export function onThisMachineOnly(url: URL): boolean {
  return /^(127(\.\d{1,3}){3}|\[::1\]|(.+\.)?localhost)$/.test(url.hostname);
}
