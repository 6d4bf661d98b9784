// The achievements and leaderboards pages as a browser without JavaScript gets them: earned with receipts, withdrawn
// marked with why, locked ones listed; the board with the viewer on it, their exclusions with the reason and the
// "ask for a review" form (which posts through the same service), and the rule text. Athlete text is escaped.
import { describe, expect, it } from 'vitest';
import { formatWeekdayDate } from '../../../lib/format';
import { Harness } from '../../../testing/harness';
import { boardActivity } from '../board-activities.testing';
import { weekOf } from '../leaderboard';
import { inputOf, optIn, servicesAt } from './awards.testing';

const run = { sport: 'run' as const, speed: 3, durationS: 2000, every: 1 as const };

describe('/achievements and /leaderboards', () => {
  it('lists earned, withdrawn and locked achievements', async () => {
    const h = Harness.init();
    const a = await h.signup();
    const s = servicesAt(h, new Date());
    const { id } = await s.activities.ingest(a.user.id, inputOf(boardActivity(a.user.id, new Date('2026-11-02T07:00:00Z'), run)));
    await s.awardsEvaluation.drain(1000);
    let html = await (await h.call('/achievements', { cookie: a.cookie })).text();
    expect(html).toContain('<h1');
    expect(html).toMatch(/id="achievement-first_5k"[\s\S]*First 5 km run/);
    expect(html).toContain(`href="/activities/${id}"`);
    expect(html).toContain('Still to earn');
    // Dates as every page writes them ("28 Nov 2026"), never ISO.
    const earned = html.slice(html.indexOf('id="earned"'), html.indexOf('id="locked"'));
    expect(earned).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(earned).toMatch(/First 5 km run[\s\S]*\d{1,2} [A-Z][a-z]{2} \d{4}/);
    await h.json('/api/v1/activities/bulk', { cookie: a.cookie, body: { ids: [id], change: { kind: 'delete' } } });
    await servicesAt(h, new Date()).awardsEvaluation.drain(1000);
    html = await (await h.call('/achievements', { cookie: a.cookie })).text();
    expect(html).toMatch(/Withdrawn \(1\)[\s\S]*First 5 km run[\s\S]*no longer in your history/);
    expect(html).toMatch(/Withdrawn (<!-- -->)?\d{1,2} [A-Z][a-z]{2} \d{4}/);
    expect(html.slice(html.indexOf('id="earned"'), html.indexOf('id="locked"'))).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it("shows this week's board, the viewer's exclusions with reasons, and asks for a review", async () => {
    const h = Harness.init();
    const a = await h.signup({ displayName: '<img src=x onerror=alert(1)>' });
    await optIn(h, a.user.id);
    const s = servicesAt(h, new Date());
    // Inside this UTC week whatever the hour now (the athlete's zone is UTC): Monday 05:00.
    const monday = new Date(`${weekOf(new Date(), 'UTC')}T05:00:00Z`);
    const start = monday;
    await s.activities.ingest(a.user.id, inputOf(boardActivity(a.user.id, start, run)));
    const manual = await s.activities.ingest(a.user.id, {
      ...inputOf({ ...boardActivity(a.user.id, new Date(start.getTime() - 3_600_000), run), source: 'manual', samples: null }),
      name: 'Typed in <script>x</script>',
    });
    await s.awardsEvaluation.drain(1000);
    const html = await (await h.call('/leaderboards?sport=run&metric=distance', { cookie: a.cookie })).text();
    expect(html).toContain('Leaderboards');
    const week = weekOf(new Date(), 'UTC');
    expect(html).toContain(`Week of ${formatWeekdayDate(week, true)}, Monday to Sunday`);
    expect(html).not.toContain(`Week of ${week}`);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<script>x</script>');
    expect(html).toMatch(new RegExp(`id="exclusion-${manual.id}"[\\s\\S]*Entered by hand`));
    expect(html).toContain('Ask for a review');
    expect(html).toContain('id="rules"');

    const form = new FormData();
    form.set('activityId', manual.id);
    form.set('note', 'I forgot my watch');
    const res = await h.call('/leaderboards?sport=run&metric=distance', { method: 'POST', cookie: a.cookie, body: form });
    expect(res.status).toBeLessThan(400);
    const after = await (await h.call('/leaderboards?sport=run', { cookie: a.cookie })).text();
    expect(after).toMatch(/Review (<!-- -->)?open/);
  });
});
