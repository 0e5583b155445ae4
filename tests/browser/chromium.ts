// Debian's Chromium driven by playwright-core (Playwright's own browser download cannot work on
// these machines). `npm test` runs the browser tests when a Chromium is found and says how to get
// one when not: CHROMIUM_PATH, or `apt-get install chromium` (what .ci/run does).
import { existsSync } from "node:fs";
import type { Browser } from "playwright-core";

const CANDIDATES = [
  process.env.CHROMIUM_PATH,
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
];

export const chromiumPath = CANDIDATES.find((p): p is string => Boolean(p && existsSync(p)));

export const HOW_TO_GET_CHROMIUM =
  "browser tests skipped: no Chromium found. Install one (Debian/Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH to a Chrome/Chromium binary.";

export async function launch(): Promise<Browser> {
  const { chromium } = await import("playwright-core");
  // Playwright gives each launch a fresh temporary profile of its own.
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}
