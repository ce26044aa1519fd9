// A real headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core) on the
// web app served by a test app. Every page records its console errors and uncaught
// exceptions; tests end with expectNoConsoleErrors. No Chromium is a failure that says
// how to install it, never a skipped test.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import sharp from 'sharp';

export const CHROMIUM = '/usr/bin/chromium';
const ROOT = path.join(__dirname, '..', '..');
const WEB = path.join(ROOT, 'web');
const SCREENSHOTS = path.join(ROOT, 'docs', 'screenshots');

// As ../shared/ENVIRONMENT.md says: headless as root, and no calls to the (closed) network.
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export const PHONE = { width: 360, height: 740 };
export const DESKTOP = { width: 1280, height: 800 };

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(file) : fs.statSync(file).mtimeMs);
  }
  return newest;
}

/** Builds web/dist when it is missing or older than its sources, so the tests test the code. */
export function ensureWebBuilt(): void {
  const built = path.join(WEB, 'dist', 'index.html');
  const sources = Math.max(
    newestMtime(path.join(WEB, 'src')),
    ...['index.html', 'vite.config.mts'].map((f) => fs.statSync(path.join(WEB, f)).mtimeMs),
  );
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs >= sources) return;
  // jest sets NODE_ENV=test, which Vite would build a development bundle for.
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-web.js')], { cwd: ROOT, stdio: 'pipe', env: { ...process.env, NODE_ENV: 'production' } });
}

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium is missing at ${CHROMIUM}: the web tests need a real browser. Install it with \`apt-get update && apt-get install -y chromium\` (.ci/run does).`);
  }
  // playwright-core gives each launch a new, empty user-data dir.
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

export interface OpenPage {
  page: Page;
  /** Console errors and uncaught exceptions seen so far. */
  errors: string[];
  close(): Promise<void>;
}

/** A new browser context (its own storage) at `viewport`, signed in with `key` if given. */
export async function openApp(
  browser: Browser,
  baseUrl: string,
  opts: { viewport?: { width: number; height: number }; key?: string; route?: string } = {},
  /** Called with the page before it loads, e.g. to watch its requests. */
  beforeLoad?: (page: Page) => void,
): Promise<OpenPage> {
  const context = await browser.newContext({ viewport: opts.viewport ?? DESKTOP, baseURL: baseUrl });
  if (opts.key) {
    // Signed in as if the key had been pasted once: only on the first load, so that
    // signing out sticks across reloads.
    await context.addInitScript({
      content: `if (!sessionStorage.getItem('signed-in-once')) {
        localStorage.setItem('catalogue-search.api-key', ${JSON.stringify(opts.key)});
        sessionStorage.setItem('signed-in-once', '1');
      }`,
    });
  }
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  beforeLoad?.(page);
  await page.goto(`/#${opts.route ?? '/match'}`);
  return { page, errors, close: () => context.close() };
}

/**
 * Saves docs/screenshots/<name>-phone.png and <name>-desktop.png (the page re-laid out at
 * each size, the viewport only, as palette PNGs to keep them small) when SAVE_SCREENSHOTS=1,
 * so that `npm test` leaves the tree as it was.
 */
export async function screenshot(page: Page, name: string, scrollTo?: Locator): Promise<void> {
  if (process.env.SAVE_SCREENSHOTS !== '1') return;
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const before = page.viewportSize();
  for (const [size, viewport] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
    await page.setViewportSize(viewport);
    await scrollTo?.evaluate((element: { scrollIntoView(): void }) => element.scrollIntoView());
    await page.waitForFunction('[...document.images].every((img) => img.complete)');
    const png = await page.screenshot({ animations: 'disabled' });
    await sharp(png).png({ palette: true, quality: 90, compressionLevel: 9 }).toFile(path.join(SCREENSHOTS, `${name}-${size}.png`));
  }
  if (before) await page.setViewportSize(before);
}

/** Form controls and buttons on the page without an accessible name (label, aria-label or text). */
export function unlabelledControls(page: Page): Promise<string[]> {
  return page.evaluate(`[...document.querySelectorAll('input, select, textarea, button')]
    .filter((el) => !(el.labels?.length || el.getAttribute('aria-label') || (el.tagName === 'BUTTON' && el.textContent.trim())))
    .map((el) => el.outerHTML.slice(0, 120))`);
}
