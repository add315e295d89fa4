import path from "node:path";
import { createSiteLoader, type Site } from "./site.ts";

/** Folders whose changes a dev server reloads the content for (pages and the files they include). */
const WATCHED = ["content", "examples"];

/** The site as the server sees it: loaded once, or reloaded on change in dev. */
export interface DocsSite {
  /** The current site; in dev, throws the last load error until the content is fixed. */
  current(): Site;
  /** Reloads after `file` changed, if it can affect the docs; true when it did. */
  changed(file: string): boolean;
}

/** Loads the content under `root/content`; a broken page fails here, naming its file and line. */
export async function loadDocsSite(root: string): Promise<DocsSite> {
  const load = await createSiteLoader({ contentDir: path.join(root, "content"), projectRoot: root });
  let site: Site | undefined = load();
  let failure: unknown;
  return {
    current() {
      if (failure !== undefined) throw failure;
      return site!;
    },
    changed(file) {
      const relative = path.relative(root, file).split(path.sep);
      if (!WATCHED.includes(relative[0]!)) return false;
      try {
        site = load();
        failure = undefined;
      } catch (error) {
        failure = error;
      }
      return true;
    },
  };
}
