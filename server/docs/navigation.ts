import type { Page } from "./page.ts";

/** A group of the sidebar: a folder of `content/docs/`, or the top-level pages. */
export interface NavSection {
  key: string;
  title: string;
  /** The section's own index page, if it has one. */
  index: Page | undefined;
  /** Its other pages, by weight then title. */
  pages: Page[];
}

/** The sidebar and the reading order that previous/next follow. */
export interface Navigation {
  sections: NavSection[];
  order: Page[];
}

/** Title of the group of top-level pages (home, get started). */
const TOP_TITLE = "Start here";

const byWeight = (a: Page, b: Page) => a.weight - b.weight || a.title.localeCompare(b.title);

/** Groups pages into sidebar sections ordered by the weight of each section's index page. */
export function buildNavigation(pages: Page[]): Navigation {
  const groups = new Map<string, Page[]>();
  for (const page of pages) groups.set(page.section, [...(groups.get(page.section) ?? []), page]);
  const sections = [...groups].map(([key, members]): NavSection => {
    const index = key === "" ? undefined : members.find((page) => page.isIndex);
    return { key, title: index?.title ?? TOP_TITLE, index, pages: members.filter((page) => page !== index).sort(byWeight) };
  });
  sections.sort((a, b) => (a.key === "" ? -1 : b.key === "" ? 1 : (a.index?.weight ?? 0) - (b.index?.weight ?? 0) || a.title.localeCompare(b.title)));
  const order = sections.flatMap((section) => (section.index ? [section.index, ...section.pages] : section.pages));
  return { sections, order };
}

/** Where a page sits: its section, the breadcrumb trail, and its neighbours in reading order. */
export function locate(navigation: Navigation, page: Page) {
  const section = navigation.sections.find((candidate) => candidate.key === page.section);
  const position = navigation.order.indexOf(page);
  const home = navigation.order.find((candidate) => candidate.url === "/");
  const crumbs = [home, section?.index, page].filter((crumb, index, all): crumb is Page => crumb !== undefined && all.indexOf(crumb) === index);
  return {
    section,
    breadcrumbs: crumbs,
    previous: position > 0 ? navigation.order[position - 1] : undefined,
    next: navigation.order[position + 1],
  };
}
