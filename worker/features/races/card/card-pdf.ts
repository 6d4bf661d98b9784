// The race card as a PDF through the plan PDF's own writer (plans' pdf-document: Helvetica, no library). Large type,
// one section after another; the splits in up to three side-by-side blocks so a marathon's fit one page.
import { formatRaceTime } from '../../../lib/format';
import { PageBuilder, PDF_MARGIN, PDF_PAGE, pdfDocument, winAnsiBytes, wrapBytes } from '../../plans';
import { headerLine, predictionLine, splitCells, splitDistance, taperLine } from './card.format';
import type { RaceCardModel } from './card.types';

const BODY = 10.5;
const ROW = 14;
const WIDTH = PDF_PAGE.width - PDF_MARGIN.left - PDF_MARGIN.right;
const BLOCK_ROWS = 16;

function layout(card: RaceCardModel): string[][] {
  const pages: PageBuilder[] = [new PageBuilder()];
  let page = pages[0]!;
  const room = (h: number) => {
    if (page.y - h < PDF_MARGIN.bottom) {
      page = new PageBuilder();
      pages.push(page);
    }
  };
  const line = (text: string, opts: { size?: number; bold?: boolean; gray?: number; x?: number } = {}) => {
    const size = opts.size ?? BODY;
    const x = opts.x ?? PDF_MARGIN.left;
    for (const bytes of wrapBytes(winAnsiBytes(text), size, WIDTH - (x - PDF_MARGIN.left), 4)) {
      room(ROW);
      page.text(x, bytes, size, { bold: opts.bold, gray: opts.gray });
      page.y -= size + 4;
    }
  };
  const heading = (text: string) => {
    room(3 * ROW);
    page.y -= 8;
    line(text, { size: 14, bold: true });
    page.rule(page.y + 8);
    page.y -= 4;
  };

  line(card.header.name, { size: 22, bold: true });
  line(headerLine(card), { size: 12 });
  line(predictionLine(card), { size: 13, bold: true });

  heading('Splits');
  const s = card.splits;
  if (s.state === 'none') line(s.reason);
  else {
    line(`Target ${formatRaceTime(s.targetS)}. ${s.basis}`, { gray: 0.35, size: 9 });
    const blocks = Math.min(3, Math.ceil(s.rows.length / BLOCK_ROWS));
    const perBlock = Math.ceil(s.rows.length / blocks);
    const blockW = WIDTH / 3;
    room(ROW * (perBlock + 1));
    const top = page.y;
    for (let b = 0; b < blocks; b++) {
      const x = PDF_MARGIN.left + b * blockW;
      page.text(x, 'Distance', 9, { bold: true, y: top });
      page.text(x + 60, 'Pace', 9, { bold: true, y: top });
      page.text(x + 115, 'Clock', 9, { bold: true, y: top });
      s.rows.slice(b * perBlock, (b + 1) * perBlock).forEach((r, i) => {
        const [d, p, c] = splitCells(r, s.unit);
        const y = top - ROW * (i + 1);
        page.text(x, d, BODY, { y });
        page.text(x + 60, p, BODY, { y });
        page.text(x + 115, c, BODY, { y, bold: true });
      });
    }
    page.y = top - ROW * (perBlock + 1);
  }

  if (card.preview && card.upgrade) {
    for (const title of card.sections.slice(1)) heading(title);
    page.y -= 6;
    line(card.upgrade.message, { bold: true });
    line(`Upgrade: ${card.upgrade.path}`, { gray: 0.35 });
  } else {
    heading('Fuelling checkpoints');
    if (card.fuel?.state === 'planned')
      for (const f of card.fuel.rows)
        line(`${splitDistance(f.atM, s.state === 'planned' ? s.unit : 'km')} · ${formatRaceTime(f.clockS)} · ${f.take}`);
    else line(card.fuel?.message ?? '');
    if (card.transitions?.applies) {
      heading('Transitions');
      for (const t of card.transitions.items) line(`[ ] ${t.text}`);
    }
    heading('Race morning');
    for (const m of card.morning ?? []) line(`${m.clock}${m.dayBefore ? ' (day before)' : ''}  ${m.what}`);
    heading('Taper');
    if (card.taper) {
      line(taperLine(card.taper));
      if (card.taper.state === 'plan') line(card.taper.basis, { gray: 0.35, size: 9 });
    }
    heading('Race week');
    for (const item of card.raceWeek ?? []) line(`[ ] ${item.text}`);
    heading('If things go wrong');
    for (const c of card.contingencies ?? []) line(`${c.title}: ${c.rule}`);
    page.y -= 6;
    line(
      'Sources: Thomas, Erdman & Burke 2016; Sawka et al. 2007; Mujika & Padilla 2003; Ely et al. 2007; Schwellnus 2009; Rapoport 2010.',
      {
        gray: 0.45,
        size: 8,
      },
    );
  }

  return pages.map((p, i) => {
    p.rule(PDF_MARGIN.bottom - 16, 0.85);
    p.text(PDF_MARGIN.left, `Cadence · race card · ${card.header.name}`, 7.5, {
      gray: 0.4,
      y: PDF_MARGIN.bottom - 28,
      maxWidth: WIDTH - 80,
    });
    p.rightText(PDF_PAGE.width - PDF_MARGIN.right, `Page ${i + 1} of ${pages.length}`, 7.5, 0.4, PDF_MARGIN.bottom - 28);
    return p.ops;
  });
}

/** The card as PDF bytes (a preview's PDF is the preview). */
export function cardPdf(card: RaceCardModel, athleteName: string): Uint8Array {
  return pdfDocument(layout(card), { title: `Race card: ${card.header.name}`, author: athleteName });
}
