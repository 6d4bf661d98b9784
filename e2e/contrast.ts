// Text contrast as the eye gets it, measured in the page (re-exported by fixtures.ts).
import type { Page } from 'playwright-core';

/**
 * The lowest text contrast inside the elements `selector` matches, as the eye gets it: each text's colour
 * and its nearest background, both faded by every ancestor's opacity over the page's background.
 */
export function lowestTextContrast(page: Page, selector: string): Promise<{ ratio: number; text: string } | null> {
  return page.evaluate((sel) => {
    // [r, g, b, alpha]: "rgb(…)" has no alpha (1), "transparent" is rgba(0, 0, 0, 0).
    const rgba = (c: string): number[] => {
      const v = (c.match(/[\d.]+/g) ?? []).map(Number);
      return [v[0] ?? 0, v[1] ?? 0, v[2] ?? 0, v[3] ?? 1];
    };
    const over = (top: number[], a: number, under: number[]) => top.slice(0, 3).map((v, i) => v * a + under[i]! * (1 - a));
    const lum = (c: number[]) => {
      const [r, g, b] = c.map((v) => (v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const page = rgba(getComputedStyle(document.body).backgroundColor);
    let worst: { ratio: number; text: string } | null = null;
    for (const root of document.querySelectorAll(sel)) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement!;
        if (!n.textContent?.trim() || !el.checkVisibility()) continue;
        let opacity = 1;
        let bg: number[] | null = null;
        for (let e: Element | null = el; e; e = e.parentElement) {
          const s = getComputedStyle(e);
          opacity *= Number(s.opacity);
          const b = rgba(s.backgroundColor);
          if (!bg && b[3]! > 0) bg = over(b, b[3]!, page);
        }
        const fg = rgba(getComputedStyle(el).color);
        const base = bg ?? page;
        const seenFg = over(over(fg, fg[3]!, base), opacity, page);
        const seenBg = over(base, opacity, page);
        const [hi, lo] = [lum(seenFg), lum(seenBg)].sort((a, b) => b - a);
        const ratio = (hi! + 0.05) / (lo! + 0.05);
        if (!worst || ratio < worst.ratio) worst = { ratio: Math.round(ratio * 100) / 100, text: n.textContent.trim() };
      }
    }
    return worst;
  }, selector);
}
