// Issue 55: the leaderboard's advice sees duplicate linking (ADR 013, 082). A Strava copy of a Garmin file that is
// already canonical is "another recording counts instead", not "upload the original", and offers no review; a
// Strava run with no original stays the provider's terms, with the way to compete.
import { describe, expect, it } from 'vitest';
import { Harness } from '../../../testing/harness';
import { boardActivity } from '../board-activities.testing';
import { inputOf, optIn, servicesAt } from './awards.testing';

const WEEK = '2026-11-16';
const NOW = new Date('2026-11-18T12:00:00Z');
const at = (day: number, hour: number) => new Date(Date.UTC(2026, 10, 16 + day, hour));
const run = { sport: 'run' as const, speed: 3, durationS: 3000, every: 1 as const };

interface Board {
  entries: { you: boolean; activityIds: string[] }[];
  yourExclusions: { activityId: string; code: string; reason: string; reviewable: boolean }[];
}

describe('the leaderboard’s advice on a Strava copy', () => {
  it('a copy of a canonical Garmin file is not told to upload the original; a Strava-only run is', async () => {
    const h = Harness.init();
    const me = await h.signup({ displayName: 'Nova New' });
    await optIn(h, me.user.id);
    const svc = servicesAt(h, NOW).activities;
    const garmin = boardActivity(me.user.id, at(1, 7), run, { seed: 5, source: 'garmin_api' });
    const fileIn = inputOf(garmin);
    // The same run as Strava sent it afterwards: linked to the file, which stays canonical.
    const copyIn = inputOf({ ...garmin, source: 'strava', distanceM: garmin.distanceM * 1.003 });
    const aloneIn = inputOf(boardActivity(me.user.id, at(2, 7), run, { seed: 6, source: 'strava' }));
    for (const i of [fileIn, copyIn, aloneIn]) await svc.ingestMany(me.user.id, [i]);
    const rows = await h.db.execute<{ id: string; external_id: string; duplicate_of: string | null }>(
      `select id, external_id, duplicate_of from activities where user_id = '${me.user.id}'` as never,
    );
    const byExt = new Map(rows.rows.map((r) => [r.external_id, r]));
    const ids = {
      file: byExt.get(fileIn.externalId)!.id,
      copy: byExt.get(copyIn.externalId)!.id,
      alone: byExt.get(aloneIn.externalId)!.id,
    };
    expect(byExt.get(copyIn.externalId)!.duplicate_of).toBe(ids.file);
    await servicesAt(h, NOW).awardsEvaluation.drain(1000);

    const board = await h.json<Board>(`/api/v1/social/leaderboards?sport=run&week=${WEEK}`, { cookie: me.cookie });
    expect(board.status).toBe(200);
    const byId = new Map(board.body.yourExclusions.map((e) => [e.activityId, e]));
    expect(byId.get(ids.copy)).toMatchObject({ code: 'linked_duplicate', reviewable: false });
    expect(byId.get(ids.copy)!.reason).not.toMatch(/upload the original/);
    expect(byId.get(ids.alone)).toMatchObject({ code: 'provider_terms', reviewable: false });
    expect(byId.get(ids.alone)!.reason).toMatch(/upload the original/);
    expect(byId.has(ids.file)).toBe(false);
  });
});
