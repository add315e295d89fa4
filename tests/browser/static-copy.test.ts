import { cpSync, mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import express from "express";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordExamples } from "../../server/docs/example-recording.ts";
import { exportStatic } from "../../server/docs/static-export.ts";
import { createServer, ROOT } from "../../server/main.ts";
import { axeViolations } from "../support/axe.ts";
import { launchChromium } from "../support/browser.ts";
import { SCREENSHOT_DIR } from "../support/screenshots.ts";

let browser: Browser;
let out: string;
let files: Server;
let base: string;

beforeAll(async () => {
  // The SSE example ends its stream by itself; the long bound only keeps a busy machine from cutting it short.
  const recordings = await recordExamples(ROOT, ["sse"], { ms: 60_000, frames: 40 });
  const { app, site } = await createServer({ staticCopy: true, recordings });
  out = mkdtempSync(path.join(tmpdir(), "chirp-static-copy-"));
  // As `npm run build` leaves dist/: the front end's assets, then the exported pages beside them.
  cpSync(path.join(ROOT, "dist", "assets"), path.join(out, "assets"), { recursive: true });
  await exportStatic(app, site.current(), out);
  // Any static file server will do: this one is Express's.
  const server = express().use(express.static(out));
  files = await new Promise<Server>((resolve) => {
    const listening = server.listen(0, "127.0.0.1", () => resolve(listening));
  });
  const address = files.address();
  base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/`;
  browser = await launchChromium();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => files?.close(resolve));
  if (out) rmSync(out, { recursive: true, force: true });
});

describe("a static copy's example page, from a plain file server", () => {
  for (const [width, height] of [
    [1440, 900],
    [390, 844],
  ] as const) {
    for (const colorScheme of ["light", "dark"] as const) {
      it(`shows the recorded run: its final screen and its frames (${width} px, ${colorScheme})`, async () => {
        const context = await browser.newContext({ viewport: { width, height }, colorScheme });
        const page = await context.newPage();
        await page.goto(new URL("/docs/examples/sse/", base).href);
        const workbench = page.locator("#workbench");
        await expect.poll(() => workbench.getByRole("heading", { name: "Recorded output" }).isVisible()).toBe(true);
        expect(await workbench.locator(".callout-note").textContent()).toMatch(/need the live server: run npm start/);
        // The final screen, drawn from the recorded HTML in a sandboxed frame: the four notifications are in.
        const screen = page.frameLocator("iframe.recording-screen:visible");
        await expect.poll(() => screen.locator("li.notification").count()).toBe(4);
        expect(await screen.locator(".status").textContent()).toBe("connected");
        const frames = workbench.getByRole("list", { name: "Frames of /events" }).getByRole("listitem");
        expect(await frames.locator(".recorded-event").allTextContents()).toEqual(["status", "notification", "notification", "notification", "notification", "close"]);
        // What a reader sees with the recorded screen in view (a frame off screen is not painted).
        await page.locator("iframe.recording-screen:visible").evaluate((frame) => frame.scrollIntoView({ block: "center" }));
        await page.screenshot({ path: path.join(SCREENSHOT_DIR, `static-example-${width}-${colorScheme}.png`), animations: "disabled" });
        // The frame list scrolls when long, so it takes the keyboard's focus.
        await workbench.getByRole("list", { name: "Frames of /events" }).focus();
        expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Frames of /events");
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        expect(await axeViolations(page)).toEqual([]);
        await context.close();
      });
    }
  }

  /** The SSE example's page and card backgrounds in each of its colour schemes. */
  const EXAMPLE_COLOURS = { light: ["rgb(244, 245, 247)", "rgb(255, 255, 255)"], dark: ["rgb(15, 18, 22)", "rgb(24, 28, 34)"] };

  for (const [width, system] of [
    [1440, "light"],
    [390, "dark"],
  ] as const) {
    it(`draws the recorded screen in the theme the reader picks with the toggle, not the system's (${width} px, system ${system})`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: system });
      const page = await context.newPage();
      await page.goto(new URL("/docs/examples/sse/", base).href);
      /** The page and card backgrounds of the recorded screen the reader sees. */
      const shownColours = async () => {
        const frame = await (await page.locator("iframe.recording-screen:visible").elementHandle())!.contentFrame();
        return frame!.evaluate(() => [document.body, document.querySelector(".card")!].map((element) => getComputedStyle(element).backgroundColor));
      };
      expect(await page.locator("iframe.recording-screen:visible").count()).toBe(1);
      expect(await shownColours()).toEqual(EXAMPLE_COLOURS[system]);
      const other = system === "light" ? "dark" : "light";
      await page.getByRole("button", { name: `Switch to the ${other} theme` }).focus();
      await page.keyboard.press("Enter");
      await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe(other);
      expect(await page.locator("iframe.recording-screen:visible").count()).toBe(1);
      expect(await shownColours()).toEqual(EXAMPLE_COLOURS[other]);
      const shown = page.locator("iframe.recording-screen:visible");
      await shown.evaluate((frame) => frame.scrollIntoView({ block: "center" }));
      // The screen just shown plays the example's arrival animation: the picture is taken once it has.
      await (await (await shown.elementHandle())!.contentFrame())!.evaluate(() => Promise.all(document.getAnimations().map((animation) => animation.finished)));
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `static-example-${width}-system-${system}-theme-${other}.png`), animations: "disabled" });
      expect(await axeViolations(page)).toEqual([]);
      // And back: the toggle's choice holds both ways.
      await page.keyboard.press("Enter");
      await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe(system);
      expect(await shownColours()).toEqual(EXAMPLE_COLOURS[system]);
      await context.close();
    });
  }
});
