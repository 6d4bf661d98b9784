// What the mobile pass checks on one page, in the page itself: sideways scroll, tap targets, type size, and forms
// reachable above the on-screen keyboard. Answers findings as short lines; none means the page passes.
import type { Page } from 'playwright-core';

export type Finding = string;

/** Smallest tap target, in CSS px, both ways (WCAG 2.5.5's 44 × 44). */
const TARGET = 44;
/** Smallest readable text, in CSS px. */
const MIN_TEXT = 12;
/** How much of a phone's height an on-screen keyboard takes (a 320 px keyboard on an 800 px phone). */
const KEYBOARD = 320;

/**
 * Boxes allowed to scroll sideways, each for a reason. The year's heatmap is a labelled, focusable scroller that
 * opens on today (locked-controls.spec.ts); a year squeezed into 328 px would have unreadable days.
 */
const SCROLLS_BY_DESIGN = [
  '.heatmap-scroll',
  // Not reflowed yet (issue 41, left for a next pass): the figures tables behind "Week by week" and the like on
  // Home and Trends still scroll inside their own box on phones. Named one by one so a new one still fails here.
  ...[
    'Weekly totals',
    'Fitness, fatigue and form by week',
    'Decoupling per session',
    'Easy runs used for efficiency',
    'Rides used for efficiency',
    'Efficiency and decoupling per month',
    'Time in zone per week',
  ].map((label) => `.table-scroll[aria-label="${label}"]`),
].join(', ');

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
  return [...findings, ...(await keyboardCheck(page))];
}

/**
 * With the keyboard up (the viewport KEYBOARD px shorter), each form's fields and its submit button can be brought
 * into view and nothing fixed to the screen sits over them. Leaves the viewport as it found it.
 */
async function keyboardCheck(page: Page): Promise<Finding[]> {
  const size = page.viewportSize();
  if (!size || size.width >= 600) return [];
  await page.setViewportSize({ width: size.width, height: size.height - KEYBOARD });
  try {
    return await page.evaluate(() => {
      const out: string[] = [];
      const fields = document.querySelectorAll<HTMLElement>(
        'form input:not([type="hidden"]):not([type="checkbox"]):not([type="radio"]), form textarea, form select, form button[type="submit"], form button:not([type])',
      );
      for (const el of fields) {
        const r0 = el.getBoundingClientRect();
        if (
          r0.width <= 1 ||
          r0.height <= 1 ||
          el.closest('[hidden], [aria-hidden="true"], .visually-hidden, dialog:not([open]), details:not([open])')
        )
          continue;
        el.scrollIntoView({ block: 'nearest' });
        const r = el.getBoundingClientRect();
        const x = Math.min(Math.max(r.left + r.width / 2, 0), window.innerWidth - 1);
        const y = r.top + Math.min(r.height / 2, 20);
        if (y < 0 || y >= window.innerHeight) {
          out.push(
            `above the keyboard, cannot be scrolled into view: <${el.tagName.toLowerCase()} name="${el.getAttribute('name') ?? ''}">`,
          );
          continue;
        }
        const hit = document.elementFromPoint(x, y);
        if (hit && hit !== el && !el.contains(hit) && !hit.contains(el) && !(el.id && hit.closest(`label[for="${CSS.escape(el.id)}"]`))) {
          const cover = hit.closest('*');
          const fixed = cover && ['fixed', 'sticky'].includes(getComputedStyle(cover).position);
          let anc: Element | null = hit;
          let anyFixed = fixed;
          while (anc && !anyFixed) {
            anyFixed = ['fixed', 'sticky'].includes(getComputedStyle(anc).position);
            anc = anc.parentElement;
          }
          if (anyFixed)
            out.push(
              `above the keyboard, covered by a fixed element: <${el.tagName.toLowerCase()} name="${el.getAttribute('name') ?? ''}">`,
            );
        }
      }
      window.scrollTo(0, 0);
      return out;
    });
  } finally {
    await page.setViewportSize(size);
  }
}
