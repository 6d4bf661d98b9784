// The race card over HTTP (workerd): the gating matrix over every athlete tier of the entitlement table × (JSON,
// PDF, page) — the card, a preview or the upgrade path, as featureAccess says; the full card of a plan's goal race
// with its taper and race week; the PDF's text read back by unpdf as the plan PDF's test does; 404 for another's.
import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../lib/dates';
import type { Body, ErrorBody } from '../../../testing/bodies';
import { expectErrorShape, Harness } from '../../../testing/harness';
import { analyticsWorld } from '../../../testing/analytics';
import { giveTier } from '../../../testing/scenarios';
import { runOn, today } from '../../analytics/analytics.testing';
import { ATHLETE_TIERS, featureAccess, TIERS, unlockingTier, upgradePath } from '../../membership';
import { planRequest } from '../../plans/control/plans-control.testing';
import type { RaceCard } from './card.schema';
import { NO_PLAN } from './card.service';
import { PREVIEW_SPLITS } from './card.calc';

type Card = Body<typeof RaceCard>;

async function withBests(h: Harness, userId: string) {
  const w = analyticsWorld(h.db);
  for (const r of [
    runOn(20, { name: 'Parkrun', distanceM: 5000, movingTimeS: 1260, elapsedTimeS: 1260 }),
    runOn(35, { name: 'Club 10K', distanceM: 10000, movingTimeS: 2640, elapsedTimeS: 2640 }),
  ])
    await w.activities.ingest(userId, r);
}

async function athleteWithRace(h: Harness, tier: (typeof ATHLETE_TIERS)[number]) {
  const a = await h.signup();
  if (tier !== 'free') await giveTier(h, a.user.id, tier);
  await withBests(h, a.user.id);
  const r = await h.json<{ id: string }>('/api/v1/races', {
    method: 'POST',
    body: { name: 'River 10K', distanceM: 10000, raceDate: addDays(today(), 30) },
    cookie: a.cookie,
  });
  return { ...a, raceId: r.body.id };
}

async function pdfText(res: Response): Promise<string> {
  const doc = await getDocumentProxy(new Uint8Array(await res.arrayBuffer()));
  const { text } = await extractText(doc, { mergePages: true });
  return (text as string).replace(/\s+/g, ' ');
}

describe('race card gating (every athlete tier of the entitlement table × JSON, PDF, page)', () => {
  it.each([...ATHLETE_TIERS])('%s', async (tier) => {
    const h = Harness.init();
    const a = await athleteWithRace(h, tier);
    const access = featureAccess(tier, 'race_strategy');
    const json = await h.json<Card & ErrorBody>(`/api/v1/races/${a.raceId}/card`, { cookie: a.cookie });
    const pdf = await h.call(`/api/v1/races/${a.raceId}/card.pdf`, { cookie: a.cookie });
    const page = await h.call(`/races/${a.raceId}/card`, { cookie: a.cookie });
    const html = await page.text();
    expect(page.status).toBe(200);
    if (access === 'none') {
      for (const r of [json, { status: pdf.status, body: (await pdf.json()) as ErrorBody }]) {
        expect(r.status).toBe(403);
        expectErrorShape(r.body, 'ENTITLEMENT_REQUIRED');
        expect(r.body.error).toMatchObject({ entitlement: { feature: 'race_strategy', requiredTier: unlockingTier('race_strategy') } });
      }
      expect(html).toContain(`href="${upgradePath('race_strategy')}"`);
      expect(html).not.toContain('race-card-sheet');
      return;
    }
    expect(json.status).toBe(200);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const text = await pdfText(pdf);
    expect(text).toContain('River 10K');
    expect(html).toContain('race-card-sheet');
    expect(html).toContain('Download PDF');
    expect(html).toContain('Keep on this phone');
    const card = json.body;
    expect(card.preview).toBe(access === 'preview');
    if (access === 'preview') {
      expect(card.upgrade).toMatchObject({ path: upgradePath('race_strategy'), tierName: TIERS[unlockingTier('race_strategy')].name });
      expect(card.splits.state === 'planned' && card.splits.rows.length).toBe(PREVIEW_SPLITS);
      expect([card.fuel, card.morning, card.taper, card.raceWeek, card.contingencies]).toEqual([null, null, null, null, null]);
      expect(card.sections).toContain('Race morning');
      expect(text).toContain('Race morning');
      expect(text).not.toContain('Breakfast');
      expect(html).toContain(`href="${upgradePath('race_strategy')}"`);
      expect(html).not.toContain('Breakfast');
    } else {
      expect(card.upgrade).toBeNull();
      expect(card.splits.state === 'planned' && card.splits.rows.length).toBe(10);
      // The Fuelling tab's stops, every 5 km by default, each with its clock from the same pacing as the splits.
      const fuel = card.fuel?.state === 'planned' ? card.fuel.rows : [];
      const splits = card.splits.state === 'planned' ? card.splits.rows : [];
      expect(fuel.map((r) => r.atM)).toEqual([5000]);
      expect(fuel[0]!.clockS).toBeCloseTo(splits[4]!.clockS, 0);
      expect(card.taper).toEqual({ state: 'noPlan', message: NO_PLAN });
      expect(html).toContain('Breakfast');
      expect(html).toContain('<th scope="col">Pace</th>');
      // The tab sits in the race's tabs, current; the PDF link carries no start when none was given.
      expect(html).toMatch(
        new RegExp(
          `<a[^>]*aria-current="page"[^>]*href="/races/${a.raceId}/card"|<a[^>]*href="/races/${a.raceId}/card"[^>]*aria-current="page"`,
        ),
      );
      expect(html).toContain(`href="/api/v1/races/${a.raceId}/card.pdf"`);
      expect(html).toContain('Start time');
    }
  });
});

describe('the full race card', () => {
  it('a plan’s goal race: taper from the plan, race week from its workouts, the start time moved; the PDF says it all', async () => {
    const h = Harness.init();
    const a = await h.signup();
    await giveTier(h, a.user.id, 'elite');
    await withBests(h, a.user.id);
    const req = planRequest(today());
    const made = await h.json<{ id: string }>('/api/v1/plans', { method: 'POST', body: req, cookie: a.cookie });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const res = await h.json<Card>(`/api/v1/races/${made.body.id}/card?start=07:30`, { cookie: a.cookie });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const card = res.body;
    expect(card.header).toMatchObject({
      name: 'City Half',
      startTime: '07:30',
      startTimeSource: 'given',
      prediction: { state: 'predicted' },
    });
    expect(card.morning!.map((m) => m.clock)).toEqual(['04:00', '04:30', '05:30', '07:05', '07:20', '07:30']);
    const taper = card.taper!;
    if (taper.state !== 'plan') throw new Error('expected the plan’s taper');
    expect(taper.planId).toBe(made.body.id);
    expect(taper.taperWeeks).toBeGreaterThanOrEqual(1);
    expect(taper.dropFraction).toBeGreaterThan(0);
    expect(taper.taperLoad).toBeLessThan(taper.beforeLoad);
    expect(taper.form).toEqual({ tsb: expect.any(Number), ctl: expect.any(Number) });
    const raceDate = req.goal.eventDate!;
    const workouts = card.raceWeek!.filter((i) => i.kind === 'workout');
    expect(workouts.length).toBeGreaterThan(0);
    expect(workouts.every((i) => i.date! >= addDays(raceDate, -6) && i.date! < raceDate)).toBe(true);
    expect(card.contingencies!.map((c) => c.situation)).toEqual(['tooFastEarly', 'fallingBehind', 'heat', 'giTrouble', 'cramp', 'wall']);

    const pdf = await h.call(`/api/v1/races/${made.body.id}/card.pdf?start=07:30`, { cookie: a.cookie });
    const text = await pdfText(pdf);
    for (const words of [
      'City Half',
      'Splits',
      '21.1 km',
      'Fuelling checkpoints',
      '5 km · 23:',
      'Race morning',
      '04:30',
      'Taper',
      'taper week',
      'Race week',
      'Bib and timing chip',
      'If things go wrong',
      'Too fast early',
      'Page 1 of',
    ])
      expect(text).toContain(words);

    const bad = await h.json<ErrorBody>(`/api/v1/races/${made.body.id}/card?start=25:00`, { cookie: a.cookie });
    expect(bad.status).toBe(400);
    const other = await h.signup();
    await giveTier(h, other.user.id, 'elite');
    expect((await h.json(`/api/v1/races/${made.body.id}/card`, { cookie: other.cookie })).status).toBe(404);
    expect((await h.call(`/races/${made.body.id}/card`, { cookie: other.cookie })).status).toBe(404);
    expect((await h.json(`/api/v1/races/${made.body.id}/card`)).status).toBe(401);
  });
});
