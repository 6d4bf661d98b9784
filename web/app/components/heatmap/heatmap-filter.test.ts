import { describe, expect, it } from 'vitest';
import { activitiesIn, readFilter, tileTemplate } from './heatmap-filter';

const TODAY = new Date('2026-11-29T13:00:00Z');
const read = (q: string) => readFilter(new URLSearchParams(q), TODAY, ['run', 'ride']);

describe('the heatmap filter', () => {
  it('resolves the presets to whole months', () => {
    expect(read('')).toEqual({ sport: null, preset: 'all', from: null, to: null });
    expect(read('range=year&sport=ride')).toEqual({ sport: 'ride', preset: 'year', from: '2026-01', to: '2026-11' });
    expect(read('range=12m')).toMatchObject({ from: '2025-12', to: '2026-11' });
    expect(read('range=custom&from=2026-03&to=2025-01')).toMatchObject({ from: '2025-01', to: '2026-03' });
    expect(read('range=custom&from=2026-13')).toMatchObject({ from: null, to: null });
    expect(read('range=soon&sport=swim')).toEqual({ sport: null, preset: 'all', from: null, to: null });
  });

  it('writes the tile template and counts the activities a filter takes', () => {
    expect(tileTemplate('https://x.test', read('range=year&sport=run'))).toBe(
      'https://x.test/api/v1/maps/heatmap/{z}/{x}/{y}.png?sport=run&from=2026-01&to=2026-11',
    );
    expect(tileTemplate('https://x.test', read(''))).toBe('https://x.test/api/v1/maps/heatmap/{z}/{x}/{y}.png');
    const months = [
      { month: '2025-06', sport: 'run', activities: 4 },
      { month: '2026-02', sport: 'run', activities: 3 },
      { month: '2026-02', sport: 'ride', activities: 2 },
    ];
    expect(activitiesIn(months, read(''))).toBe(9);
    expect(activitiesIn(months, read('range=year&sport=run'))).toBe(3);
  });
});
