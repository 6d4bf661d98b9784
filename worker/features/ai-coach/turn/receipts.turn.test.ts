// A model's answer is stored with the receipts it stands on: the one run it talks about, or every run a
// total sums — not every activity its tools read.
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { textStep, toolStep } from '../../../providers/llm/llm.fake';
import { Harness } from '../../../testing/harness';
import type { CoachReceipt, CoachTool } from '../coach.types';
import { checkClaims, citedReceipts, type CoachToolDeps } from '../grounding';
import { turnWorld } from './turn.testing';
import { coachGrounding } from './turn.wiring';

/** query_activities' shape: a window of two runs, the longest listed, the totals over both. */
const windowTool: CoachTool<Record<string, never>> = {
  name: 'query_activities',
  description: 'Activities in a window.',
  input: z.object({}),
  run: async (ctx) => ({
    tool: 'query_activities',
    window: { from: '2026-11-01', to: ctx.today },
    units: 'km',
    timeZone: ctx.athlete.timeZone,
    facts: [
      { label: `number of runs 2026-11-01 to ${ctx.today}`, value: 2, unit: 'count' },
      { label: `total distance 2026-11-01 to ${ctx.today}`, value: 20.4, unit: 'km' },
      { label: '2026-11-10 Sunday long run: distance', value: 12.4, unit: 'km', activityIds: ['a-1'] },
    ],
    receipts: [
      { activityId: 'a-1', date: '2026-11-10', name: 'Sunday long run', sport: 'run', values: { distance: '12.4 km' } },
      { activityId: 'a-2', date: '2026-11-03', name: 'Tuesday tempo', sport: 'run', values: { distance: '8 km' } },
    ],
    empty: null,
    withheld: [],
  }),
};

const call = toolStep([{ id: 'tu_1', name: 'query_activities', input: {} }]);

const stored = async (w: Awaited<ReturnType<typeof turnWorld>>, id: string) =>
  ((await w.repo.message(w.userId, id))!.receipts as CoachReceipt[]).map((r) => r.activityId);

describe('receipts of a model answer', () => {
  it('one run for an answer about one run; both for the total', async () => {
    const h = Harness.init();
    const w = await turnWorld(h, {
      tools: [windowTool],
      grounding: { checkClaims: (a, r, q) => checkClaims(a, r, q), receiptsFor: citedReceipts },
      anthropic: [
        call,
        textStep(['Your longest run was “Sunday long run” on 10 Nov: 12.4 km.']),
        call,
        textStep(['You ran 20.4 km over 2 runs.']),
      ],
    });
    const one = await w.ask('Which was my longest run?');
    expect(await stored(w, one.messageId)).toEqual(['a-1']);
    expect(one.events.find((e) => e.type === 'receipts')).toMatchObject({ receipts: [{ activityId: 'a-1' }] });
    const total = await w.ask('How much did I run?');
    expect(await stored(w, total.messageId)).toEqual(['a-1', 'a-2']);
    // The session's grounding cites this way.
    expect(coachGrounding({} as CoachToolDeps).receiptsFor).toBe(citedReceipts);
  });
});
