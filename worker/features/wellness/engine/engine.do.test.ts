// The engine in the athlete's Durable Object (ADR 070), through the real worker: a check-in's patch is in the very
// next findings read, an evicted object rebuilds from the row it wrote behind, and check-ins sent together are
// applied one after another (none lost), leaving what a full pass computes.
import { evictDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { Harness } from '../../../testing/harness';
import { loadState } from './engine.repo';
import { engineAthlete } from './engine.testing';
import type { WellnessFindings, WellnessQuestion } from './findings.schema';

const KEY = 'sleep~easy_run_ef';

async function setup(h: Harness, seed: number) {
  const world = await engineAthlete(h, { days: 40, planted: true, seed });
  const stub = h.env.WELLNESS_ENGINE.get(h.env.WELLNESS_ENGINE.idFromName(world.me.user.id));
  const question = async () => {
    const r = await h.json<WellnessQuestion>(`/api/v1/wellness/findings/${KEY}`, { cookie: world.me.cookie });
    expect(r.status).toBe(200);
    return r.body;
  };
  const checkIn = async (day: string, sleepHours: number) => {
    const r = await h.json(`/api/v1/wellness/days/${day}/check-in`, { method: 'PUT', body: { sleepHours }, cookie: world.me.cookie });
    expect(r.status).toBe(200);
  };
  return { ...world, stub, question, checkIn };
}

describe('the engine in its Durable Object', () => {
  it('shows a check-in in the findings read right after it', async () => {
    const h = Harness.init();
    const { question, checkIn } = await setup(h, 5);
    const before = await question();
    const day = before.pairs[5]!.day;
    expect(before.pairs[5]!.x).not.toBe(4.25);
    await checkIn(day, 4.25);
    const after = await question();
    expect(after.pairs.find((p) => p.day === day)!.x).toBe(4.25);
    expect(after.pairs.filter((p) => p.day !== day)).toEqual(before.pairs.filter((p) => p.day !== day));
  });

  it('rebuilds from Postgres after eviction, with the patch it wrote behind', async () => {
    const h = Harness.init();
    const { a, stub, question, checkIn, me } = await setup(h, 6);
    const first = await question();
    const day = first.pairs[2]!.day;
    await checkIn(day, 9.5);
    await stub.settled();
    // The durable copy holds the patch before the object goes.
    expect((await loadState(h.db, a.id))!.data.wellness.sleepS?.[day]?.checkin).toBe(9.5 * 3600);
    const warm = await h.json<WellnessFindings>('/api/v1/wellness/findings', { cookie: me.cookie });
    await evictDurableObject(stub);
    const cold = await h.json<WellnessFindings>('/api/v1/wellness/findings', { cookie: me.cookie });
    expect(cold.body).toEqual(warm.body);
    expect((await question()).pairs.find((p) => p.day === day)!.x).toBe(9.5);
  });

  it('applies check-ins sent together one after another, and ends where a full pass does', async () => {
    const h = Harness.init();
    const { a, engine, stub, question, checkIn } = await setup(h, 8);
    const before = await question();
    const days = before.pairs.slice(0, 6).map((p) => p.day);
    await Promise.all(days.map((d, i) => checkIn(d, 4 + i / 4)));
    const after = await question();
    for (const [i, d] of days.entries()) expect(after.pairs.find((p) => p.day === d)!.x).toBe(4 + i / 4);
    await stub.settled();
    const stored = (await loadState(h.db, a.id))!;
    const full = await engine.fullPass(a);
    expect(stored.data).toEqual(full.data);
    expect(stored.result).toEqual(full.result);
  });
});
