import { setMenuOpen } from "./menu.ts";

/** Marks the sidebar and header links of the page now shown. */
function markCurrent(): void {
  const path = location.pathname;
  for (const link of document.querySelectorAll<HTMLAnchorElement>("#sidebar a")) {
    if (link.pathname === path) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  const section = path.split("/")[2];
  for (const link of document.querySelectorAll<HTMLAnchorElement>(".header-links a")) {
    link.classList.toggle("active", section !== undefined && link.pathname.split("/")[2] === section);
  }
  document.querySelector("#sidebar a[aria-current]")?.scrollIntoView({ block: "nearest" });
}

/** True for an example page: its workbench needs a whole page load, never an htmx swap. */
function isExamplePage(path: string): boolean {
  return /^\/docs\/examples\/[^/]+\/$/.test(path);
}

/**
 * htmx-boosted navigation: after the main area is swapped in, the sidebar marks the
 * new page, the menu closes and focus moves to the content. Links to files (`/llms.txt`,
 * a `.md` twin) are followed normally. Example pages load and unload whole: their
 * workbench runs once per document and its runs end with the page.
 */
export function setUpNavigation(): void {
  document.addEventListener("htmx:beforeRequest", (event) => {
    const detail = (event as CustomEvent<{ boosted?: boolean; pathInfo: { finalRequestPath: string } }>).detail;
    const url = new URL(detail.pathInfo.finalRequestPath, location.href);
    const leavingWorkbench = document.getElementById("workbench") !== null;
    const isDocsPage = url.pathname.endsWith("/");
    if (detail.boosted && (!isDocsPage || isExamplePage(url.pathname) || leavingWorkbench)) {
      event.preventDefault();
      location.assign(url.href);
    }
  });
  document.addEventListener("htmx:afterSettle", (event) => {
    if (!(event as CustomEvent<{ boosted?: boolean }>).detail?.boosted) return;
    markCurrent();
    setMenuOpen(false);
    if (!location.hash) document.getElementById("main")?.focus({ preventScroll: true });
  });
  document.addEventListener("htmx:historyRestore", () => {
    if (document.getElementById("workbench")) location.reload();
    else markCurrent();
  });
}
