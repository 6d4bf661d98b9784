// The Analysis page's curves (/analysis) as the server renders it: a new account is told how data arrives;
// with power rides, the season's curve against last season's, every key duration linking to its activity at
// the effort, and critical power with the rides behind it; a bad choice in the address falls back, never fails.
import { describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../../lib/dates';
import { analyticsWorld } from '../../../testing/analytics';
import { buildActivity } from '../../../testing/factories/activity';
import { Harness } from '../../../testing/harness';
import { powerRide } from '../power-ride.testing';

const today = () => todayIn('UTC', new Date());

/** `effort` seconds all-out at `watts` from second 300, in 25 minutes of easy riding. */
const effortRide = (day: string, effort: number, watts: number, name: string) =>
  powerRide(day, 1500 + effort, (s) => (s >= 300 && s < 300 + effort ? watts : 150), { name });

async function world() {
  const h = Harness.init();
  const me = await h.signup();
  const html = async (qs = '') => {
    const res = await h.call(`/analysis${qs}`, { cookie: me.cookie });
    expect(res.status).toBe(200);
    // React's text-node separators are no part of what a reader sees.
    return (await res.text()).replaceAll('<!-- -->', '');
  };
  return { h, me, html, w: analyticsWorld(h.db) };
}

describe('analysis curves page', () => {
  it('tells a new account what will appear and how to get data there, in the header nav and under its tabs', async () => {
    const { html } = await world();
    const page = await html();
    expect(page).toContain('No activities yet');
    expect(page).toContain('href="/settings/data"');
    expect(page).toMatch(/<nav aria-label="Main"[\s\S]*href="\/analysis"[^>]*>Analysis</);
    expect(page).toMatch(
      /<nav class="page-tabs" aria-label="Analysis">[\s\S]*aria-current="page"[^>]*href="\/analysis"|href="\/analysis"[^>]*aria-current="page"/,
    );
    expect(page).toContain('href="/analysis/trends"');
    // No model card to fill before there is anything at all.
    expect(page).not.toContain('Critical power and W′');
  });

  it('draws this season against last with receipts, and critical power with the rides behind it', async () => {
    const { html, me, w } = await world();
    const t = today();
    const lastYear = Number(t.slice(0, 4)) - 1;
    const ids = {
      three: (await w.activities.ingest(me.user.id, effortRide(addDays(t, -3), 180, 381, 'Three-minute hill'))).id,
      five: (await w.activities.ingest(me.user.id, effortRide(addDays(t, -6), 300, 337, 'Five-minute test'))).id,
      twelve: (await w.activities.ingest(me.user.id, effortRide(addDays(t, -9), 720, 298, 'Twelve-minute climb'))).id,
      old: (await w.activities.ingest(me.user.id, effortRide(`${lastYear}-06-01`, 300, 280, 'Old summer ride'))).id,
    };

    const page = await html('?kind=power&range=season&compare=last-season');
    expect(page).toContain('Power curve · Ride');
    expect(page).toContain(`Last season (1 Jan – 31 Dec ${lastYear})`);
    expect(page).toContain('This season (');
    // The key-duration table: 5 min from this season's test and from last summer, each opening the activity at the effort.
    expect(page).toContain(`href="/activities/${ids.five}?at=300&amp;for=300"`);
    expect(page).toContain(`href="/activities/${ids.old}?at=300&amp;for=300"`);
    expect(page).toContain('337 W');
    expect(page).toContain('280 W');
    expect(page).toContain(`href="/activities/${ids.three}?at=`);

    // The model: named with its window and days, values with their errors, r², and the efforts as links.
    expect(page).toContain('Critical power and W′');
    expect(page).toContain(
      'Two-parameter critical power (Monod &amp; Scherrer), linear work–time fit, efforts of 2 min–20 min, last 90 days',
    );
    expect(page).toMatch(/<strong>\d+ W<\/strong> ± [\d.]+ W/);
    expect(page).toMatch(/<strong>[\d.]+ kJ<\/strong> ± [\d.]+ kJ/);
    // The three efforts are planted on CP 270 W and W′ 20 kJ (381, 337 and 298 W are 270 + 20,000/t rounded): the
    // fit rests on them alone (issue 55), gives those back, and r² is 1 to three places.
    expect(page).toContain('<strong>270 W</strong>');
    expect(page).toContain('<strong>20.0 kJ</strong>');
    expect(page).toContain('r² 1.000 · 3 efforts');
    expect(page).toContain('The efforts behind it');
    expect(page).toContain(`href="/activities/${ids.twelve}?at=`);
    // The rest are receipts with their reason: no separate effort is under the line, the other durations are these three.
    expect(page).toContain('Left out of the fit');
    expect(page).not.toContain('aria-label="Efforts left out"');
    expect(page).toMatch(/\d+ more durations: the same efforts over other windows/);
    expect(page).toContain('20 min at 239 W (');
    expect(page).toContain('a shorter effort with easier time around it');

    // Comparing with the previous range names it; no comparison has no second column.
    expect(await html('?range=90d&compare=previous')).toContain('Previous (');
    expect(await html('?range=90d')).not.toContain('Last season (');
  });

  it('names a separate effort under the line as left out, with how far under the model it is (issue 55)', async () => {
    const { html, me, w } = await world();
    const t = today();
    // The browser story's rides: 3 min at 400 W and 12 min at 310 W, 20 min at 290 W, and a 5-min climb at 330 W.
    const ride = (days: number, name: string, seconds: number, hard: [number, number, number][]) =>
      w.activities.ingest(
        me.user.id,
        powerRide(addDays(t, -days), seconds, (s) => hard.find(([a, b]) => s >= a && s < b)?.[2] ?? 150, { name }),
      );
    const vo2 = await ride(20, 'VO2 intervals', 2400, [
      [300, 480, 400],
      [1200, 1920, 310],
    ]);
    const test = await ride(10, 'Threshold test', 2700, [[600, 1800, 290]]);
    const climb = await ride(3, 'Hardest climb', 1800, [[600, 900, 330]]);
    const page = await html('?range=90d');
    // The line through 3, 12 and 20 min is CP 271 W and W′ 24.9 kJ: 354 W for 5 min, so 330 W is 7 % under it.
    expect(page).toContain('<strong>271 W</strong>');
    expect(page).toContain('r² 1.000 · 3 efforts');
    const rests = page.match(/aria-label="The model rests on">([\s\S]*?)<\/ul>/)![1]!;
    expect(rests).toContain(`/activities/${vo2.id}?`);
    expect(rests).toContain(`/activities/${test.id}?`);
    expect(rests).not.toContain(`/activities/${climb.id}?`);
    const left = page.match(/aria-label="Efforts left out">([\s\S]*?)<\/ul>/)![1]!;
    expect(left).toContain(`href="/activities/${climb.id}?at=600&amp;for=300">Hardest climb</a>`);
    expect(left).toContain('5 min at 330 W, 7 % under the model’s 354 W: not all-out');
  });

  it('says "not enough" to a new account with one hard effort, with no CP made up from the easy riding around it', async () => {
    const { html, me, w } = await world();
    await w.activities.ingest(
      me.user.id,
      powerRide(addDays(today(), -2), 1500, (s) => (s >= 600 && s < 900 ? 400 : 100), { name: 'Lone climb' }),
    );
    const page = await html('?range=90d');
    expect(page).toContain('Not enough hard efforts yet');
    expect(page).toContain('rests on 1 (5 min)');
    expect(page).not.toMatch(/<strong>\d+ W<\/strong> ±/);
    expect(page).not.toContain('Left out of the fit');
  });

  it('keeps the address’s choices sensible: pace is for runs and swims, a half custom range says what is missing', async () => {
    const { html, me, w } = await world();
    await w.activities.ingest(
      me.user.id,
      powerRide(addDays(today(), -2), 250, () => 230, { name: 'Short ride' }),
    );
    const pace = await html('?kind=pace&sport=ride');
    expect(pace).toContain('Pace curve · Run');
    expect(pace).toContain('No pace recorded in this range');
    expect(pace).toContain('Critical speed and D′');
    expect(pace).toContain('Not enough hard efforts yet');

    const half = await html('?range=custom&from=2026-01-01');
    expect(half).toContain('The custom range needs a first and a last day');
    expect(half).toContain('name="from"');
    expect(await html('?kind=watts&range=forever&compare=maybe')).toContain('Power curve · Ride');
    // A ride's curve on too few efforts: the reason, and what to ride.
    expect(await html()).toContain('Ride all-out efforts of about 3, 5 and 12 minutes');
  });

  it('reads a run’s speed curve as pace in the athlete’s units, with critical speed beside it', async () => {
    const { h, html, me, w } = await world();
    expect((await h.json('/api/v1/me', { method: 'PATCH', body: { units: 'mi' }, cookie: me.cookie })).status).toBe(200);
    const day = addDays(today(), -3);
    const t = Array.from({ length: 1200 }, (_, i) => i);
    const { id } = await w.activities.ingest(
      me.user.id,
      buildActivity({
        startTime: new Date(`${day}T07:00:00Z`),
        localStartDate: day,
        movingTimeS: 1200,
        distanceM: 4060,
        detailComplete: true,
        name: 'Strides',
        streams: { t, speedCms: t.map((s) => (s >= 600 && s < 660 ? 500 : 333)) },
      }),
    );
    const page = await html('?kind=pace&sport=run&range=42d');
    expect(page).toContain('Pace curve · Run');
    // One minute at 5 m/s is 5:22 a mile, and opens the run at second 600.
    expect(page).toContain(`href="/activities/${id}?at=600&amp;for=60"`);
    expect(page).toContain('5:22\u00a0/mi');
    expect(page).toContain('Critical speed and D′');
  });
});
