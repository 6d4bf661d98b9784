// The proposal API through the real worker: read, confirm and reject one's own; another athlete's is a
// 404 and changes nothing; an impersonation session is refused (403 IMPERSONATION_BLOCKED); an operator
// confirms on the athlete's behalf only with the coach_proposals.confirm permission, audited with both.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sessions, users } from '../../../db/schema';
import { addDays, todayIn } from '../../../lib/dates';
import { randomToken, sha256Hex } from '../../../lib/crypto';
import type { Body, ErrorBody } from '../../../testing/bodies';
import { Harness, expectErrorShape } from '../../../testing/harness';
import { giveTier } from '../../../testing/scenarios';
import { athleteOf } from '../../analytics';
import type { Plan } from '../../plans/plans.schema';
import { planRequest } from '../../plans/control/plans-control.testing';
import type { ProposalResponse } from './proposals.schema';
import { changesOf, input, noChat, proposalWorld, rows, threeActions } from './proposals.testing';

type Answer = Body<typeof ProposalResponse>;

/** An athlete signed up through the API, on Pro, with a plan, and a proposal the coach wrote for them. */
async function athleteWithProposal(h: Harness) {
  const s = await h.signup();
  await giveTier(h, s.user.id, 'pro');
  const user = (await h.db.select().from(users).where(eq(users.id, s.user.id)))[0]!;
  const a = athleteOf(user);
  const today = todayIn(a.timeZone, new Date());
  const plan = (await h.json<Body<typeof Plan>>('/api/v1/plans', { body: planRequest(today), cookie: s.cookie })).body;
  const before = await rows(h, plan.id);
  const open = before.filter((r) => r.date >= today && r.date <= addDays(today, 20) && r.durationSec > 0 && !r.skipped);
  const w = proposalWorld(h);
  const proposal = await w.proposals.propose(a, input(threeActions(open)), noChat);
  return { ...s, plan, before, proposal };
}

describe('proposal API', () => {
  it('reads, confirms (idempotent) and rejects one’s own; another athlete gets 404 for each and nothing changes', async () => {
    const h = Harness.init();
    const x = await athleteWithProposal(h);
    const y = await athleteWithProposal(h);
    const path = `/api/v1/ai-coach/proposals/${x.proposal.id}`;

    for (const [p, body] of [
      [path, undefined],
      [`${path}/confirm`, {}],
      [`${path}/reject`, {}],
    ] as const) {
      const r = await h.json<ErrorBody>(p, { cookie: y.cookie, ...(body ? { body } : {}) });
      expect(r.status, p).toBe(404);
      expectErrorShape(r.body, 'NOT_FOUND');
    }
    expect(await rows(h, x.plan.id)).toEqual(x.before);

    const got = await h.json<Answer>(path, { cookie: x.cookie });
    expect(got.status).toBe(200);
    expect(got.body.proposal).toMatchObject({ id: x.proposal.id, status: 'proposed', diff: x.proposal.diff });
    const confirmed = await h.json<Answer>(`${path}/confirm`, { cookie: x.cookie, method: 'POST' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.proposal.status).toBe('applied');
    const again = await h.json<Answer>(`${path}/confirm`, { cookie: x.cookie, method: 'POST' });
    expect(again.body.proposal).toEqual(confirmed.body.proposal);
    expect(await changesOf(h, x.plan.id)).toHaveLength(1);
    const reject = await h.json<ErrorBody>(`${path}/reject`, { cookie: x.cookie, body: {} });
    expect(reject.status).toBe(409);

    // The undo goes through the plan's own change log.
    const undo = await h.call(`/api/v1/plans/${x.plan.id}/changes/${confirmed.body.proposal.planChangeId}/undo`, {
      cookie: x.cookie,
      method: 'POST',
    });
    expect(undo.status).toBe(200);

    const rejected = await h.json<Answer>(`/api/v1/ai-coach/proposals/${y.proposal.id}/reject`, {
      cookie: y.cookie,
      body: { reason: 'Not now' },
    });
    expect(rejected.body.proposal.status).toBe('rejected');
    expect(
      (await h.json<ErrorBody>(`/api/v1/ai-coach/proposals/${y.proposal.id}/confirm`, { cookie: y.cookie, method: 'POST' })).status,
    ).toBe(409);
  });

  it('an impersonation session cannot confirm or reject (403 IMPERSONATION_BLOCKED); the athlete’s own session can', async () => {
    const h = Harness.init();
    const x = await athleteWithProposal(h);
    const owner = await h.userWithRole('owner');
    const token = randomToken(32);
    const user = (await h.userById(x.user.id))!;
    await h.db.insert(sessions).values({
      tokenHash: await sha256Hex(token),
      userId: x.user.id,
      authVersion: user.authVersion,
      expiresAt: new Date(Date.now() + 3_600_000),
      impersonatorId: owner.id,
    });
    const cookie = `${x.cookie.split('=')[0]}=${token}`;
    const path = `/api/v1/ai-coach/proposals/${x.proposal.id}`;
    expect((await h.json<Answer>(path, { cookie })).status).toBe(200);
    for (const [p, body] of [
      [`${path}/confirm`, {}],
      [`${path}/reject`, {}],
    ] as const) {
      const r = await h.json<ErrorBody>(p, { cookie, body });
      expect(r.status, p).toBe(403);
      expectErrorShape(r.body, 'IMPERSONATION_BLOCKED');
    }
    // Privileges change (auth version bumped): the rotated session is still the impersonation.
    await h.db
      .update(users)
      .set({ authVersion: user.authVersion + 1 })
      .where(eq(users.id, x.user.id));
    const rotated = await h.call(`${path}/confirm`, { cookie, method: 'POST' });
    expect(rotated.status).toBe(403);
    expect(rotated.headers.get('set-cookie')).toBeTruthy();
    const imps = await h.db.select().from(sessions).where(eq(sessions.impersonatorId, owner.id));
    expect(imps).toHaveLength(1);
    expect(await rows(h, x.plan.id)).toEqual(x.before);
    const own = await h.login(x.email, x.password);
    expect((await h.json<Answer>(`${path}/confirm`, { cookie: own, method: 'POST' })).body.proposal.status).toBe('applied');
  });

  it('an operator confirms for the athlete only with coach_proposals.confirm; the audit names both', async () => {
    const h = Harness.init();
    const x = await athleteWithProposal(h);
    const plain = await h.userWithRole('admin');
    const granted = await h.userWithRole('admin', ['coach_proposals.confirm']);
    const path = `/api/v1/admin/athletes/${x.user.id}/coach-proposals/${x.proposal.id}/confirm`;
    expect((await h.json<ErrorBody>(path, { cookie: x.cookie, method: 'POST' })).status).toBe(403);
    expect((await h.json<ErrorBody>(path, { cookie: plain.cookie, method: 'POST' })).status).toBe(403);
    expect(await rows(h, x.plan.id)).toEqual(x.before);
    // Another athlete's id with this proposal: not found.
    const other = await h.signup();
    const wrong = `/api/v1/admin/athletes/${other.user.id}/coach-proposals/${x.proposal.id}/confirm`;
    expect((await h.json<ErrorBody>(wrong, { cookie: granted.cookie, method: 'POST' })).status).toBe(404);

    const r = await h.json<Answer>(path, { cookie: granted.cookie, method: 'POST' });
    expect(r.status).toBe(200);
    expect(r.body.proposal.status).toBe('applied');
    const audit = await h.auditFor('coach_proposal', x.proposal.id);
    expect(audit.map((e) => e.action)).toEqual(['coach.proposal.proposed', 'coach.proposal.confirmed', 'coach.proposal.applied']);
    expect(audit[1]).toMatchObject({ actorId: granted.id, payload: { athleteId: x.user.id, onBehalfOf: x.user.id } });
    const [change] = await changesOf(h, x.plan.id);
    expect(change).toMatchObject({ actorId: granted.id, userId: x.user.id, source: 'ai_proposal' });
  });
});
