// What the mobile pass checks on one page, in the page itself: sideways scroll, tap targets, type size, and forms
// reachable above the on-screen keyboard. Answers findings as short lines; none means the page passes.
import type { Page } from 'playwright-core';

export type Finding = string;

/** Smallest tap target, in CSS px, both ways (WCAG 2.5.5's 44 × 44). */
const TARGET = 44;
/** Smallest readable text, in CSS px. */
const MIN_TEXT = 12;
/** What is left of a small phone (360 × 640) once its on-screen keyboard is up (about 240 px of it). */
export const KEYBOARD_UP_HEIGHT = 400;

/**
 * The one box allowed to scroll sideways: the year's heatmap is a labelled, focusable scroller that opens on today
 * (locked-controls.spec.ts); a year squeezed into 328 px would have unreadable days. Figure tables reflow instead.
 */
const SCROLLS_BY_DESIGN = '.heatmap-scroll';

export async function auditPage(page: Page): Promise<Finding[]> {
  const findings = await page.evaluate(
    ({ TARGET, MIN_TEXT, SCROLLS_BY_DESIGN }) => {
      const out: string[] = [];
      const describe = (el: Element) => {
        const text = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
        const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
        return `<${el.tagName.toLowerCase()}${cls}> "${text}"`;
      };
      const shown = (el: Element) => {
        const r = el.getBoundingClientRect();
        if (r.width <= 1 || r.height <= 1) return false;
        if (r.bottom + window.scrollY < 0) return false; // parked above the page until focused (the skip link)
        if (el.closest('[hidden], [aria-hidden="true"], .visually-hidden, [inert]')) return false;
        // Inside a closed disclosure (its summary aside): not rendered until opened.
        const closed = el.closest('details:not([open])');
        if (closed && !el.closest('summary')?.parentElement?.isSameNode(closed)) return false;
        return getComputedStyle(el).visibility !== 'hidden';
      };

      // Sideways scroll: the page, and any box inside it that scrolls on its own — with every disclosure open, so
      // what a tap reveals (Home's "Week by week" tables) is checked too; then they are closed again.
      const closedOnes = [...document.querySelectorAll('details:not([open])')] as HTMLDetailsElement[];
      for (const d of closedOnes) d.open = true;
      const doc = document.documentElement;
      if (doc.scrollWidth > doc.clientWidth) out.push(`page scrolls sideways: ${doc.scrollWidth} > ${doc.clientWidth}`);
      for (const el of document.querySelectorAll('body *')) {
        const cs = getComputedStyle(el);
        if (!['auto', 'scroll'].includes(cs.overflowX) || !shown(el)) continue;
        if (el.matches(SCROLLS_BY_DESIGN)) continue;
        if (el.scrollWidth > el.clientWidth + 1) out.push(`${describe(el)} scrolls sideways: ${el.scrollWidth} > ${el.clientWidth}`);
      }
      for (const d of closedOnes) d.open = false;

      // Tap targets. A checkbox or radio is tapped through its label; an inline link inside prose is allowed.
      const controls =
        'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"], [role="tab"], [role="switch"]';
      const seen = new Set<Element>();
      for (const raw of document.querySelectorAll(controls)) {
        let el: Element = raw;
        if (raw instanceof HTMLInputElement && (raw.type === 'checkbox' || raw.type === 'radio')) {
          el = raw.closest('label') ?? (raw.id ? document.querySelector(`label[for="${CSS.escape(raw.id)}"]`) : null) ?? raw;
        }
        // A disabled control shows a state; nothing is tapped there.
        if (seen.has(el) || !shown(el) || (raw as HTMLInputElement).disabled) continue;
        seen.add(el);
        const r = el.getBoundingClientRect();
        if (r.width >= TARGET - 0.5 && r.height >= TARGET - 0.5) continue;
        if (el.tagName === 'A' && getComputedStyle(el).display === 'inline') {
          let block = el.parentElement;
          while (block && getComputedStyle(block).display.startsWith('inline')) block = block.parentElement;
          const around = (block?.textContent ?? '').replace(/\s+/g, ' ').trim().length;
          const own = (el.textContent ?? '').replace(/\s+/g, ' ').trim().length;
          if (around > own + 2) continue;
        }
        out.push(`tap target ${Math.round(r.width)}×${Math.round(r.height)}: ${describe(el)}`);
      }

      // Readable type: every shown text node's element at MIN_TEXT or more.
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      const small = new Set<Element>();
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = node.parentElement;
        if (!el || !node.textContent?.trim() || small.has(el) || el.closest('script, style, svg, noscript')) continue;
        if (!shown(el)) continue;
        if (Number.parseFloat(getComputedStyle(el).fontSize) < MIN_TEXT) small.add(el);
      }
      for (const el of small) out.push(`text under ${MIN_TEXT} px (${getComputedStyle(el).fontSize}): ${describe(el)}`);
      return out;
    },
    { TARGET, MIN_TEXT, SCROLLS_BY_DESIGN },
  );
  return [...findings, ...(await keyboardFindings(page))];
}

/**
 * With the keyboard up, every field of every form (disclosures opened) takes the focus and, scrolled there by the
 * browser, shows inside the viewport with nothing fixed or sticky over it: top to bottom (fields meet the keyboard's
 * edge), then bottom to top (fields meet a sticky header). `scope` narrows it to one part of the page (an open
 * dialog); `height` is what the keyboard leaves. Leaves the viewport, the disclosures and the scroll as it found them.
 */
export async function keyboardFindings(
  page: Page,
  { scope = 'body', height = KEYBOARD_UP_HEIGHT }: { scope?: string; height?: number } = {},
): Promise<Finding[]> {
  const size = page.viewportSize();
  if (!size || size.width >= 600) return [];
  await page.setViewportSize({ width: size.width, height });
  try {
    return await page.evaluate((scope) => {
      const out = new Set<string>();
      const root = document.querySelector(scope) ?? document.body;
      const opened = [...root.querySelectorAll('details:not([open])')] as HTMLDetailsElement[];
      for (const d of opened) d.open = true;
      const name = (el: Element) =>
        `<${el.tagName.toLowerCase()} name="${el.getAttribute('name') ?? ''}"${el.getAttribute('aria-label') ? ` aria-label="${el.getAttribute('aria-label')}"` : ''}>`;
      const shown = (el: Element) => {
        const r = el.getBoundingClientRect();
        return (
          r.width > 1 &&
          r.height > 1 &&
          getComputedStyle(el).visibility !== 'hidden' &&
          !el.closest('[hidden], [aria-hidden="true"], .visually-hidden, [inert], dialog:not([open])')
        );
      };
      const fields = [
        ...root.querySelectorAll<HTMLElement>(
          'form input:not([type="hidden"]):not([type="checkbox"]):not([type="radio"]), form textarea, form select, form button[type="submit"], form button:not([type])',
        ),
      ].filter((el) => shown(el) && !(el as HTMLInputElement).disabled);
      const pinned = [...document.querySelectorAll('body *')].filter((el) => ['fixed', 'sticky'].includes(getComputedStyle(el).position));
      for (const order of [fields, [...fields].reverse()]) {
        for (const el of order) {
          el.focus();
          if (document.activeElement !== el) continue;
          const r = el.getBoundingClientRect();
          // The part a finger and an eye need: the field's first 44 px (all of a shorter one).
          const band = { top: r.top, bottom: r.top + Math.min(r.height, 44), left: r.left, right: r.right };
          if (band.top < -0.5 || band.bottom > window.innerHeight + 0.5) {
            out.add(`above the keyboard, not scrolled into view on focus: ${name(el)}`);
            continue;
          }
          for (const cover of pinned) {
            if (cover.contains(el) || el.contains(cover) || !shown(cover)) continue;
            const c = cover.getBoundingClientRect();
            const top = Math.max(band.top, c.top);
            const bottom = Math.min(band.bottom, c.bottom);
            const left = Math.max(band.left, c.left);
            const right = Math.min(band.right, c.right);
            if (bottom - top < 1 || right - left < 1) continue;
            // Over it, not under it: what the screen shows in the overlap is the pinned element.
            const hit = document.elementFromPoint((left + right) / 2, (top + bottom) / 2);
            if (hit && cover.contains(hit))
              out.add(
                `above the keyboard, covered by a fixed or sticky <${cover.tagName.toLowerCase()}.${[...cover.classList].join('.')}>: ${name(el)}`,
              );
          }
        }
      }
      (document.activeElement as HTMLElement | null)?.blur();
      for (const d of opened) d.open = false;
      window.scrollTo(0, 0);
      return [...out];
    }, scope);
  } finally {
    await page.setViewportSize(size);
  }
}
