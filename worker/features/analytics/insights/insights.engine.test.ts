import { describe, expect, it } from 'vitest';
import { buildInputs, FORBIDDEN_TONE, richInputs } from './testing.fixtures';
import { buildInsights } from './insights.engine';
import type { Insight } from '../analytics.types';

const RANK = { caution: 0, positive: 1, info: 2 } as const;
const rank = (i: Insight) => (i.status === 'insufficient' ? 3 : RANK[i.tone]);

describe('buildInsights', () => {
  it('reports every kind for a rich history, cautions first and insufficient last', () => {
    const out = buildInsights(richInputs());
    expect(new Set(out.map((i) => i.kind))).toEqual(
      new Set([
        'ramp_rate',
        'negative_form',
        'week_jump',
        'pb_milestone',
        'efficiency_trend',
        'long_run_progression',
        'volume_consistency',
      ]),
    );
    expect(out.every((i) => i.status === 'ok')).toBe(true);
    const ranks = out.map(rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(out.slice(0, 3).map((i) => i.kind)).toEqual(['ramp_rate', 'negative_form', 'week_jump']);
    // The first-ever marathon is not a PB.
    expect(out.filter((i) => i.kind === 'pb_milestone').map((i) => i.id)).toEqual(['pb_milestone:2026-11-15:2026-11-15:21097']);
    expect(new Set(out.map((i) => i.id)).size).toBe(out.length);
  });

  it('every ok card carries numbers, a window, its minimum sample and receipts', () => {
    for (const i of buildInsights(richInputs())) {
      expect(Object.keys(i.numbers).length).toBeGreaterThan(0);
      expect(Object.values(i.numbers).every(Number.isFinite)).toBe(true);
      expect(i.window.from <= i.window.to).toBe(true);
      expect(i.minSample.actual).toBeGreaterThanOrEqual(i.minSample.required);
      expect(i.receipts.length).toBeGreaterThan(0);
      expect(i.id.startsWith(`${i.kind}:${i.window.from}:${i.window.to}`)).toBe(true);
    }
  });

  it('a new athlete gets only insufficient cards, each saying what is missing', () => {
    const out = buildInsights(buildInputs({ activities: [] }));
    expect(out.map((i) => i.kind).sort()).toEqual([
      'efficiency_trend',
      'long_run_progression',
      'negative_form',
      'ramp_rate',
      'volume_consistency',
      'week_jump',
    ]);
    for (const i of out) {
      expect(i).toMatchObject({ status: 'insufficient', numbers: {}, receipts: [] });
      expect(i.finding).toMatch(/^(Needs |Fitness is being established — )/);
    }
  });

  it('orders ok cards before insufficient ones', () => {
    // Two weeks of history: PB events are ok, everything else is insufficient.
    const inputs = buildInputs({ activities: [{ date: '2026-11-10' }, { date: '2026-11-12' }] });
    const out = buildInsights({ ...inputs, pbEvents: richInputs().pbEvents });
    expect(out[0]).toMatchObject({ kind: 'pb_milestone', status: 'ok' });
    expect(out.slice(1).every((i) => i.status === 'insufficient')).toBe(true);
  });

  it('no sentence prescribes, praises or shouts, in either unit system', () => {
    const all = [
      ...buildInsights(richInputs('km')),
      ...buildInsights(richInputs('mi')),
      ...buildInsights(buildInputs({ activities: [] })),
      ...buildInsights(buildInputs({ activities: [{ date: '2026-11-10' }] })),
    ];
    expect(all.length).toBeGreaterThan(15);
    for (const i of all) {
      expect(`${i.title} ${i.finding}`).not.toMatch(FORBIDDEN_TONE);
      expect(i.finding).not.toMatch(/[-](?=\d)/); // negative numbers use a real minus sign
      expect(i.finding.endsWith('.')).toBe(true);
    }
  });

  it('a mile athlete sees miles and /mi, never km', () => {
    const out = buildInsights(richInputs('mi'));
    const text = out.map((i) => i.finding).join('\n');
    expect(text).toMatch(/\d+\.\d mi\b/);
    expect(text).toContain('/mi');
    expect(text).not.toMatch(/\bkm\b/);
  });
});
