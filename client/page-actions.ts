import { askLinks } from "../common/ask-links.ts";
import { copyText, flash } from "./clipboard.ts";
import { onThisMachineOnly, pageAddress } from "./page-address.ts";
import { pageText, pageTextNow } from "./page-text.ts";

function parts() {
  const root = document.querySelector<HTMLElement>(".page-actions");
  if (!root) return undefined;
  return {
    root,
    toggle: root.querySelector<HTMLElement>(".actions-toggle")!,
    menu: root.querySelector<HTMLElement>("[role=menu]")!,
    status: root.querySelector<HTMLElement>(".actions-status")!,
  };
}

function items(menu: HTMLElement): HTMLElement[] {
  return [...menu.querySelectorAll<HTMLElement>("[role=menuitem]")];
}

/** Opens or closes the menu; closing it while the focus is on an item gives the focus back to the toggle, never to the page. */
function setOpen(open: boolean, focusFirst = false): void {
  const found = parts();
  if (!found) return;
  if (!open && found.menu.contains(document.activeElement)) found.toggle.focus();
  found.menu.hidden = !open;
  found.toggle.setAttribute("aria-expanded", String(open));
  // The Ask links may need the page text during a click: have it ready.
  if (open && found.root.dataset.carriesPage) pageText(found.root.dataset.md!).catch(() => undefined);
  if (open && focusFirst) items(found.menu)[0]?.focus();
}

/**
 * On a local server the Ask links carry the page itself. Just before one opens, it is made
 * to carry the text the reader has now (an edited example's code), and when the prompt
 * cannot hold all of it the whole page goes to the clipboard, to paste after the cut.
 */
function beforeAsk(link: HTMLAnchorElement, root: HTMLElement, status: HTMLElement): void {
  if (!root.dataset.carriesPage) return;
  const markdownUrl = root.dataset.md!;
  const text = pageTextNow(markdownUrl);
  let cut = link.dataset.cut === "true";
  if (text !== undefined) {
    const fresh = askLinks({ title: root.dataset.title!, markdown: text }).find((ask) => ask.name === link.dataset.ask)!;
    link.href = fresh.href;
    cut = fresh.cut;
  }
  if (!cut) return;
  copyText(text ?? pageText(markdownUrl)).then(
    () => flash(status, `Page copied: paste it into ${link.dataset.ask} after the cut`),
    () => flash(status, "The browser refused the clipboard: copy the page from Open LLM text"),
  );
}

async function run(action: string, root: HTMLElement, status: HTMLElement): Promise<void> {
  const address = pageAddress();
  const pageUrl = address.href;
  // A link to 127.0.0.1 is no use to anyone else: the status says so.
  const copied = onThisMachineOnly(address) ? "Link copied: it opens on this machine only" : "Link copied";
  if (action === "copy-page") {
    await copyText(pageText(root.dataset.md!));
    flash(status, "Page copied as Markdown");
  } else if (action === "copy-link") {
    await copyText(pageUrl);
    flash(status, copied);
  } else if (action === "share") {
    if (navigator.share) await navigator.share({ title: document.title, url: pageUrl });
    else {
      await copyText(pageUrl);
      flash(status, `${copied} (this browser cannot share)`);
    }
  }
}

/**
 * The page-actions menu: Copy page, Open LLM text, Copy link, Share and the Ask links.
 * A menu button with arrow-key navigation; Escape and outside clicks close it.
 * Listeners sit on the document, so pages swapped in by htmx need no setup.
 */
export function setUpPageActions(): void {
  document.addEventListener("click", (event) => {
    const target = event.target as Element;
    const found = parts();
    if (!found) return;
    if (target.closest(".actions-toggle")) return setOpen(found.menu.hidden, true);
    const actionButton = target.closest<HTMLElement>(".page-actions [data-action]");
    if (actionButton) {
      setOpen(false);
      run(actionButton.dataset.action!, found.root, found.status).catch((error: Error) => {
        if (error.name !== "AbortError") flash(found.status, "The browser refused: copy from the LLM text instead");
      });
    } else if (!target.closest(".actions-menu")) setOpen(false);
    else if (target.closest("a[role=menuitem]")) {
      const ask = target.closest<HTMLAnchorElement>("a[data-ask]");
      if (ask) beforeAsk(ask, found.root, found.status);
      setOpen(false);
    }
  });
  // A middle click opens a link in a new tab with no click event: an Ask link gets ready for it all the same.
  document.addEventListener("auxclick", (event) => {
    const ask = (event.target as Element).closest<HTMLAnchorElement>(".actions-menu a[data-ask]");
    const found = parts();
    if (event.button !== 1 || !ask || !found) return;
    beforeAsk(ask, found.root, found.status);
    setOpen(false);
  });
  document.addEventListener("keydown", (event) => {
    const found = parts();
    if (!found) return;
    const inToggle = event.target === found.toggle;
    if (inToggle && (event.key === "ArrowDown" || event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      return setOpen(true, true);
    }
    if (found.menu.hidden || !found.menu.contains(event.target as Node)) return;
    const list = items(found.menu);
    const index = list.indexOf(event.target as HTMLElement);
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: list.length - 1 };
    if (event.key in moves) {
      event.preventDefault();
      list[(moves[event.key]! + list.length) % list.length]?.focus();
    } else if (event.key === "Escape" || event.key === "Tab") setOpen(false);
  });
}
