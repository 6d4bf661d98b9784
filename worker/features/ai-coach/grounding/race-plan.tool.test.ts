// race_plan: the upcoming races with their range and target pace from the coach's own sources (never a Strava row,
// nothing stored), the race card's summary on Elite and an upgrade note otherwise; and through a turn with the
// sandbox model, the coach reads it and a change to race week goes through the usual proposal.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { racePredictions } from '../../../db/schema';
import { addDays } from '../../../lib/dates';
import { analyticsWorld } from '../../../testing/analytics';
import { Harness } from '../../../testing/harness';
import { giveTier, membershipOf } from '../../../testing/scenarios';
import { upgradePath } from '../../membership';
import {
  createCardService,
  createCourseService,
  createFuellingService,
  createPredictionService,
  createRacesService,
  createTriathlonService,
} from '../../races';
import { askJson, coachAthlete, toolCallsOf } from '../turn/e2e.testing';
import { groundingWorld, NOW, stravaMarkers } from './grounding-testing';
import { NO_RACES } from './race-plan.tool';
import { createCoachTools, runCoachTool, toolResultText } from './tools';

async function world(h: Harness) {
  const g = await groundingWorld(h);
  const analytics = analyticsWorld(h.db, NOW).analytics;
  const races = createRacesService({ db: h.db, clock: g.deps.clock, today: analytics.today });
  const predictions = createPredictionService({ db: h.db, clock: g.deps.clock, analytics, races });
  const pacing = createCourseService({ db: h.db, clock: g.deps.clock, races, predictions, analytics });
  const triathlon = createTriathlonService({ analytics, races });
  const fuelling = createFuellingService({ db: h.db, today: analytics.today, races, predictions, pacing, triathlon });
  const cards = createCardService({
    db: h.db,
    races,
    predictions,
    membership: membershipOf(h),
    today: analytics.today,
    pacing,
    fuelling,
  });
  const tools = createCoachTools({ ...g.deps, races: { list: races.list, forCoach: cards.forCoach } });
  const run = async () => {
    const out = await runCoachTool(tools, g.ctx(), 'race_plan', {});
    if (!out.ok) throw new Error(out.error);
    return out.result;
  };
  return { g, races, run };
}

describe('the race_plan tool', () => {
  it('no race: says how to add one; a race: range and target pace from allowed sources, nothing stored, the card on Elite only', async () => {
    const h = Harness.init();
    const { g, races, run } = await world(h);
    expect((await run()).empty).toBe(NO_RACES);

    const race = await races.create(g.athlete, {
      name: 'Winter Half',
      sport: 'run',
      distanceM: 21098,
      raceDate: addDays(g.ctx().today, 28),
    });
    const free = await run();
    const text = toolResultText(free);
    for (const marker of stravaMarkers()) expect(text).not.toContain(marker);
    const labels = free.facts.map((f) => f.label);
    expect(labels).toEqual(
      expect.arrayContaining([
        `Winter Half ${race.raceDate}: distance`,
        `Winter Half ${race.raceDate}: predicted finish (middle)`,
        `Winter Half ${race.raceDate}: 80 % range fast end`,
        `Winter Half ${race.raceDate}: even target pace`,
      ]),
    );
    expect(free.facts.find((f) => f.label.endsWith('even target pace'))).toMatchObject({
      unit: 'min/km',
      value: expect.stringMatching(/^\d:\d\d$/),
    });
    const freeRace = (free.data as { races: { cardAccess: string; card: unknown }[] }).races[0]!;
    expect(freeRace).toMatchObject({ cardAccess: 'none', card: null });
    expect(free.notes!.join(' ')).toContain(upgradePath('race_strategy'));
    expect(free.notes!.join(' ')).toContain('propose_plan_change');
    // The coach's read is not a prediction the athlete saw: nothing stored.
    expect(await h.db.select().from(racePredictions).where(eq(racePredictions.raceId, race.id))).toHaveLength(0);

    await giveTier(h, g.athlete.id, 'elite');
    const elite = await run();
    const card = (elite.data as { races: { cardAccess: string; card: { contingencies: string[]; morning: string[] } }[] }).races[0]!;
    expect(card.cardAccess).toBe('full');
    expect(card.card.contingencies).toHaveLength(6);
    expect(card.card.morning.at(-1)).toBe('09:00 Start');
    expect(elite.notes!.join(' ')).not.toContain(upgradePath('race_strategy'));
  });
});

describe('race_plan in a coach turn (the sandbox model)', () => {
  it('a race question reads race_plan and states its numbers; a change to race week is the usual proposal', async () => {
    const h = Harness.init();
    const a = await coachAthlete(h, {
      plan: true,
      history: [
        { daysAgo: 20, source: 'fit_upload', sport: 'run', distanceM: 5000, movingTimeS: 1260, elapsedTimeS: 1260 },
        { daysAgo: 35, source: 'fit_upload', sport: 'run', distanceM: 10000, movingTimeS: 2640, elapsedTimeS: 2640 },
      ],
    });
    const answer = await askJson(h, a, 'What is my race day pacing?');
    expect(answer.status).toBe('complete');
    expect((await toolCallsOf(h, answer.id)).map((c) => c.name)).toContain('race_plan');
    expect(answer.content).toMatch(/predicted finish \(middle\) is \d+:\d\d:\d\d/i);
    expect(answer.checks).toMatchObject({ outcome: 'ok', unmatched: [] });

    const change = await askJson(h, a, 'I am exhausted, can you make my race week easier?');
    expect(change.proposal).toMatchObject({ status: 'proposed', actions: [{ kind: 'adjust_load', percent: -20 }] });
  });
});
