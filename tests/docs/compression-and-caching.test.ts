import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Listening } from "chirp";
import { createServer } from "../../server/main.ts";

/** The docs server as `npm start` runs it (front end built), for the headers browsers see. */
let server: Listening;
let base: string;
beforeAll(async () => {
  server = await (await createServer()).app.listen({ port: 0 });
  base = server.url.replace(/\/$/, "");
}, 180_000);
afterAll(() => server?.close());

const BROWSER = { "accept-encoding": "gzip, deflate, br" };

async function get(path: string, headers: Record<string, string> = BROWSER): Promise<Response> {
  const response = await fetch(base + path, { headers });
  await response.arrayBuffer();
  return response;
}

describe("the docs server's compression and caching", () => {
  it("compresses pages and makes browsers revalidate them by ETag", async () => {
    for (const path of ["/", "/docs/get-started/", "/docs/examples/sse/"]) {
      const page = await get(path);
      expect(page.headers.get("content-encoding"), path).toBe("br");
      expect(page.headers.get("vary"), path).toContain("Accept-Encoding");
      expect(page.headers.get("cache-control"), path).toBe("no-cache");
      const etag = page.headers.get("etag")!;
      expect(etag, path).toMatch(/^W\/"/);
      expect((await get(path, { ...BROWSER, "if-none-match": etag })).status, path).toBe(304);
    }
  });

  it("serves the hashed assets for a year from their precompressed copies", async () => {
    const html = await (await fetch(`${base}/docs/get-started/`)).text();
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((match) => match[1]!);
    expect(assets.length).toBeGreaterThanOrEqual(2);
    for (const asset of assets) {
      const response = await get(asset);
      expect(response.headers.get("cache-control"), asset).toBe("public, max-age=31536000, immutable");
      expect(response.headers.get("content-encoding"), asset).toBe("br");
      const gzip = await get(asset, { "accept-encoding": "gzip" });
      expect(gzip.headers.get("content-encoding"), asset).toBe("gzip");
    }
  });

  it("serves the editor's type bundle at a hashed URL, cached for good and compressed", async () => {
    // The run API answers only what a browser sends from the docs' own pages.
    const sameOrigin = { ...BROWSER, "sec-fetch-site": "same-origin", "sec-fetch-mode": "cors" };
    const session = (await (await fetch(`${base}/api/playground`, { headers: sameOrigin })).json()) as { typesUrl: string };
    expect(session.typesUrl).toMatch(/^\/api\/playground\/types\/[\w-]{16}$/);
    const types = await fetch(base + session.typesUrl, { headers: sameOrigin });
    expect(types.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(types.headers.get("content-encoding")).toBe("br");
    const { libs } = (await types.json()) as { libs: { path: string }[] };
    expect(libs.map((lib) => lib.path)).toContain("file:///node_modules/chirp/index.ts");
    expect((await get("/api/playground/types/not-the-hash", sameOrigin)).status).toBe(404);
  });

  it("compresses the framework's htmx and the search index", async () => {
    for (const path of ["/_chirp/htmx.min.js", "/search-index.json"]) {
      expect((await get(path)).headers.get("content-encoding"), path).toBe("br");
    }
  });
});
