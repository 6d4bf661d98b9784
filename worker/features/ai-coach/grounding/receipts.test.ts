// A model's answer cites exactly what it stands on, over generated windows: the one activity it talks
// about (by its figures, its date or its name), or everything a total sums.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ToolContext, ToolResult } from '../coach.types';
import { activityFacts } from './activities.tool';
import type { CoachActivityRow } from './coach-data.repo';
import { citedReceipts } from './receipts';
import { activityReceipt, fact } from './tool-kit';
import { clockText, dayText, distanceValue } from './units';

const TODAY = '2026-11-21';
const ctx = {
  athlete: { id: 'a', units: 'km', timeZone: 'UTC', birthDate: null, sex: null, version: 0 },
  today: TODAY,
  returnDate: null,
  conversationId: null,
  messageId: null,
} as unknown as ToolContext;

/** query_activities' shape: the window's totals (untagged), the listed activities' facts, every activity as a receipt. */
function windowResult(rows: CoachActivityRow[], listed: CoachActivityRow[]): ToolResult {
  const total = rows.reduce((s, r) => s + r.distanceM, 0);
  return {
    tool: 'query_activities',
    window: { from: '2026-10-01', to: TODAY },
    units: 'km',
    timeZone: 'UTC',
    facts: [
      fact(`number of runs 2026-10-01 to ${TODAY}`, rows.length, 'count'),
      fact(`total distance 2026-10-01 to ${TODAY}`, distanceValue(total, 'km'), 'km'),
      ...listed.flatMap((r) => activityFacts(r, ctx)),
    ],
    receipts: rows.map((r) => activityReceipt(ctx, r)),
    empty: null,
    withheld: [],
  };
}

const rowsArb = fc
  .integer({ min: 2, max: 25 })
  .chain((n) => fc.tuple(fc.uniqueArray(fc.integer({ min: 3000, max: 42_000 }), { minLength: n, maxLength: n }), fc.nat(n - 1)))
  .map(([distances, pick]) => {
    const rows: CoachActivityRow[] = distances.map((d, i) => ({
      id: `act-${i}`,
      date: `2026-10-${String(1 + i).padStart(2, '0')}`,
      name: `Run number ${i}`,
      sport: 'run',
      distanceM: d,
      movingTimeS: Math.round(d * 0.3),
      avgHr: 140,
      elevationGainM: null,
      load: null,
    }));
    return { rows, chosen: rows[pick]! };
  });

describe('citedReceipts', () => {
  it('an answer about one activity cites that activity alone; a total cites every activity it sums', () => {
    fc.assert(
      fc.property(rowsArb, fc.boolean(), ({ rows, chosen }, byName) => {
        const r = windowResult(rows, [chosen]);
        const d = `${distanceValue(chosen.distanceM, 'km')} km`;
        const one = byName
          ? `Your longest run was “${chosen.name}”: ${d} in ${clockText(chosen.movingTimeS)}.`
          : `Your longest run was on ${dayText(chosen.date, TODAY)}: ${d}.`;
        expect(citedReceipts(one, [r]).map((x) => x.activityId)).toEqual([chosen.id]);
        const total = `You ran ${distanceValue(
          rows.reduce((s, x) => s + x.distanceM, 0),
          'km',
        )} km over ${rows.length} runs.`;
        expect(citedReceipts(total, [r]).map((x) => x.activityId)).toEqual(rows.map((x) => x.id));
      }),
      { numRuns: 200 },
    );
  });

  it('cites nothing for an answer that states nothing from the tools', () => {
    const rows: CoachActivityRow[] = [
      {
        id: 'x',
        date: '2026-11-02',
        name: 'Easy',
        sport: 'run',
        distanceM: 5000,
        movingTimeS: 1800,
        avgHr: null,
        elevationGainM: null,
        load: null,
      },
    ];
    expect(citedReceipts('Keep most runs easy this week.', [windowResult(rows, rows)])).toEqual([]);
    // A one-word name counts when the answer quotes it.
    expect(citedReceipts('Your “Easy” run was steady.', [windowResult(rows, rows)]).map((x) => x.activityId)).toEqual(['x']);
  });
});
