// "How did I sleep before my best runs?" end to end (HTTP → CoachSession → SDK → the LLM sandbox's offline model):
// the model calls sleep_before_best, words its facts, the claim checker passes them, and the answer stands on
// the runs as receipts.
import { describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../../lib/dates';
import { Harness } from '../../../testing/harness';
import { askJson, coachAthlete, toolCallsOf } from './e2e.testing';

const run = (daysAgo: number, fiveS: number, name: string) => ({
  daysAgo,
  source: 'fit_upload' as const,
  externalId: `fit-${crypto.randomUUID()}`,
  sport: 'run' as const,
  sportOriginal: 'run',
  name,
  distanceM: 8000,
  movingTimeS: Math.round(fiveS * 1.7),
  bestEfforts: [{ name: '5K', distanceM: 5000, elapsedS: fiveS }],
});

describe('the AI coach answers a wellness question with receipts', () => {
  it('how did I sleep before my best runs: the runs, the night before each and typical sleep, all checked', async () => {
    const h = Harness.init();
    const a = await coachAthlete(h, { history: [run(2, 1190, 'Tuesday Tempo'), run(16, 1500, 'Easy Five')] });
    expect((await h.json('/api/v1/me', { method: 'PATCH', cookie: a.cookie, body: { birthDate: '1984-03-09', sex: 'male' } })).status).toBe(
      200,
    );
    const today = todayIn('UTC', new Date());
    for (const [d, sleepHours] of [
      [2, 8.5],
      [16, 6],
      [9, 7],
    ] as const) {
      const r = await h.json(`/api/v1/wellness/days/${addDays(today, -d)}/check-in`, {
        method: 'PUT',
        cookie: a.cookie,
        body: { sleepHours },
      });
      expect(r.status).toBe(200);
    }

    const answer = await askJson(h, a, 'How did I sleep before my best runs?');
    expect(answer).toMatchObject({ status: 'complete', route: 'model' });
    const calls = await toolCallsOf(h, answer.id);
    expect(calls.map((c) => c.name)).toEqual(['sleep_before_best']);
    expect(answer.content).toContain('sleep the night before (check-in) is 8.5 h');
    expect(answer.content).toContain('is 6 h');
    expect(answer.checks).toMatchObject({ outcome: 'ok' });
    expect(answer.checks!.checked).toBeGreaterThan(3);
    expect(answer.receipts.map((r) => r.activityId).sort()).toEqual([...a.activityIds].sort());
    expect(answer.receipts.find((r) => r.name === 'Tuesday Tempo')?.values).toMatchObject({ nightBefore: '8.5 h (check-in)' });

    // Any other wellness question reads the days, each value with its source, every number checked.
    const days = await askJson(h, a, 'How have I been sleeping?');
    expect((await toolCallsOf(h, days.id)).map((c) => c.name)).toEqual(['wellness_days']);
    expect(days.content).toContain(`${addDays(today, -2)} sleep (check-in) is 8.5 h`);
    expect(days.checks).toMatchObject({ outcome: 'ok' });
  });
});
