// Coach-world scenario kit for tests: coach-business.ts's builders over the in-process worker, with a
// fresh coach (and staff) per world and a way to call the coach services directly.
import { eq } from 'drizzle-orm';
import { orgs } from '../../db/schema';
import type { Member } from '../../features/coach-os';
import type { Harness } from '../harness';
import { createCoachOrg } from './coach-business';
import type { CoachOrgOptions, JsonHttp } from './coach-business';
import { giveTeam } from './membership';

export * from './coach-business';

/** A coach (the owner) with an org of their own (on Team unless `plan: 'free'`), and builders for everything inside it. */
export async function coachOrg(h: Harness, opts: CoachOrgOptions = {}) {
  const coach = await h.userWithRole('coach');
  const http: JsonHttp = { json: (path, init) => h.json(path, init) };
  const world = await createCoachOrg(http, coach, {
    ...opts,
    newCoach: () => h.userWithRole('coach'),
    onOrg: (org) => ((opts.plan ?? 'team') === 'team' ? giveTeam(h, org.id, coach.id) : Promise.resolve()),
  });
  return {
    ...world,
    /** The owner as the coach services see them (for calling a service directly). */
    async member(): Promise<Member> {
      const [row] = await h.db.select().from(orgs).where(eq(orgs.id, world.org.id));
      if (!row) throw new Error('coach world: org row missing');
      return { actor: { id: coach.id, role: 'coach' }, org: row, role: 'owner' };
    },
  };
}
export type CoachOrg = Awaited<ReturnType<typeof coachOrg>>;

/** What the Stripe tests need: a coach ('Money Coaching'), a client who pays ('Pat Payer') and a 90-day package type to sell. */
export async function stripePayingClient(
  h: Harness,
  opts: { timeZone?: string; priceCents?: number; currency?: string; sessions?: number } = {},
) {
  const w = await coachOrg(h, { name: 'Money Coaching', timeZone: opts.timeZone });
  const client = await w.addClient('Pat Payer');
  const type = await w.addPackageType({
    name: '10 × 60',
    sessions: opts.sessions ?? 10,
    priceCents: opts.priceCents ?? 50_000,
    currency: opts.currency ?? 'usd',
    validityDays: 90,
  });
  return { ...w, client, type };
}
