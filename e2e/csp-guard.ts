// The browser every spec launches, watched for Content-Security-Policy violations: our CSP is the app's, so a
// violation is a bug, and the test during which it happened fails (re-exported by fixtures.ts).
import { afterEach } from 'node:test';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chosenInstant, withoutFakeTime } from '../scripts/lib/chosen-instant.ts';
import { offsetDate } from '../worker/lib/offset-date.ts';

/**
 * Content-Security-Policy violations seen by any page of any browser this spec file launched. Our CSP
 * is the app's, so a violation is a bug (an inline style the browser dropped, a blocked script): the
 * test during which it happened fails, and any seen outside a test fail the file when its browser closes.
 */
const cspViolations: string[] = [];
const CSP_MARK = '[csp-violation]';

function takeCspViolations(): Error | undefined {
  if (!cspViolations.length) return undefined;
  const seen = [...new Set(cspViolations.splice(0))];
  return new Error(`Content-Security-Policy violations (fix the page, never the policy):\n  ${seen.join('\n  ')}`);
}

afterEach(() => {
  const error = takeCspViolations();
  if (error) throw error;
});

/** Records the context's CSP violations: the DOM event (with the page's address) and Chromium's console line. */
async function watchCsp(context: BrowserContext): Promise<void> {
  await context.addInitScript((mark: string) => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(
        `${mark} ${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} on ${e.documentURI} (${e.sourceFile}:${e.lineNumber}) ${e.sample}`.trim(),
      );
    });
  }, CSP_MARK);
  const watchPage = (page: Page) =>
    page.on('console', (message) => {
      const text = message.text();
      // Chromium's own line also covers pages without JavaScript, where the init script cannot run.
      if (text.startsWith(CSP_MARK)) cspViolations.push(text.slice(CSP_MARK.length + 1));
      else if (/Content Security Policy/i.test(text)) cspViolations.push(`${page.url()}: ${text}`);
    });
  context.pages().forEach(watchPage);
  context.on('page', watchPage);
}

/**
 * `full`: Debian's whole chromium instead of its headless shell, for what only the full browser has (notifications a
 * service worker shows: the headless shell's `getNotifications()` stays empty).
 */
export async function launchBrowser({ full = false }: { full?: boolean } = {}): Promise<Browser> {
  const browser = await launchChromium(full);
  // Every context (browser.newPage makes one too) is watched; closing the browser reports what is left.
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    // The service worker is blocked unless a spec asks for it (the PWA specs): with it in control, the page's data
    // loads are the worker's fetches, which `page.route` never sees, so a spec's planted failure would not happen.
    // Reduced motion: the charts and skeletons honour it (recharts' 'auto' animations, our CSS), so no page spends
    // the suite's CPU animating frames nobody looks at; a spec about motion asks for it.
    const context = await newContext({ serviceWorkers: 'block', reducedMotion: 'reduce', ...options });
    await watchCsp(context);
    await chosenInstantClock(context);
    return context;
  };
  const close = browser.close.bind(browser);
  browser.close = async (options) => {
    await close(options);
    const error = takeCspViolations();
    if (error) throw error;
  };
  return browser;
}

/**
 * A run at a chosen instant (`npm run test:e2e -- --at`, ADR 094): this process is under libfaketime, chromium is
 * not (it crawls under it), so every page gets the same offset for its Date before its own scripts run.
 */
async function chosenInstantClock(context: BrowserContext): Promise<void> {
  if (!chosenInstant) return;
  // The worker's own shifted Date (its source as Node runs it, types stripped), applied in the page.
  await context.addInitScript({ content: `globalThis.Date = (${offsetDate.toString()})(Date, ${chosenInstant.offsetMs});` });
}

function launchChromium(full: boolean): Promise<Browser> {
  return chromium.launch({
    env: withoutFakeTime(process.env),
    // Debian's headless shell by default: the same Blink without the browser's UI, at a fraction of its CPU (ADR 094).
    executablePath: full ? '/usr/bin/chromium' : (process.env.CHROMIUM_PATH ?? '/usr/bin/chromium-headless-shell'),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      // WebGL for the maps (ADR 098) through SwiftShader, on the CPU. Debian's 156 still falls back to it on its own
      // (measured: a WebGL 2 context with ANGLE's SwiftShader renderer with and without this flag), but Chromium is
      // retiring that silent fallback; with the flag a newer build keeps drawing the maps the specs check.
      '--enable-unsafe-swiftshader',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}
