import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { coachConversations, coachLlmCalls, sessions, users } from '../../db/schema';
import { coachOrg } from '../../testing/scenarios';
import type { Body, ErrorBody } from '../../testing/bodies';
import { Harness, expectErrorShape, uniqueEmail } from '../../testing/harness';
import type { AthleteDetail, AthleteSearch } from './support.schema';
import { demoViewer, stuckAthlete, token } from './support.testing';

type Search = Body<typeof AthleteSearch>;
type Detail = Body<typeof AthleteDetail>;
const search = (q: Record<string, string>) => `/api/v1/admin/users?${new URLSearchParams(q)}`;

describe('athlete search', () => {
  it('finds by partial name and email, case-insensitively, and by exact or partial id', async () => {
    const h = Harness.init();
    const t = token();
    const ann = await h.signup({ displayName: `Ann ${t}`, email: uniqueEmail(`ann${t.toLowerCase()}`) });
    const admin = await h.userWithRole('admin', ['users.read', 'users.pii']);
    const byName = await h.json<Search>(search({ q: t.toUpperCase() }), { cookie: admin.cookie });
    expect(byName.status).toBe(200);
    expect(byName.body.users.map((u) => u.id)).toEqual([ann.user.id]);
    expect(byName.body.users[0]).toMatchObject({
      displayName: `Ann ${t}`,
      email: ann.email,
      role: 'athlete',
      tier: 'free',
      blocked: false,
    });
    // Signing up made a session: last seen is its time, not "never".
    const [session] = await h.db.select({ at: sessions.lastSeenAt }).from(sessions).where(eq(sessions.userId, ann.user.id));
    expect(byName.body.users[0]!.lastSeenAt).toBe(session!.at.toISOString());
    // Tiers are read for the whole page at once: a comp shows as Pro.
    const owner = await h.userWithRole('owner');
    const comp = await h.call(`/api/v1/admin/users/${ann.user.id}/comps`, {
      cookie: owner.cookie,
      body: { tier: 'pro', days: 30, reason: 'support test' },
    });
    expect(comp.status).toBe(201);
    expect((await h.json<Search>(search({ q: t }), { cookie: admin.cookie })).body.users[0]!.tier).toBe('pro');
    const byEmail = await h.json<Search>(search({ q: ann.email.split('@')[0]!.toUpperCase() }), { cookie: admin.cookie });
    expect(byEmail.body.users.map((u) => u.id)).toContain(ann.user.id);
    const byId = await h.json<Search>(search({ q: ann.user.id.toUpperCase() }), { cookie: admin.cookie });
    expect(byId.body.users.map((u) => u.id)).toEqual([ann.user.id]);
    const byPrefix = await h.json<Search>(search({ q: ann.user.id.slice(0, 13) }), { cookie: admin.cookie });
    expect(byPrefix.body.users.map((u) => u.id)).toContain(ann.user.id);
    // LIKE wildcards are literal: "%" matches nobody's name.
    const wild = await h.json<Search>(search({ q: `${t}%` }), { cookie: admin.cookie });
    expect(wild.body.users).toEqual([]);
  });

  it('pages newest first with a cursor and filters by role', async () => {
    const h = Harness.init();
    const t = token();
    const made = [];
    for (let i = 0; i < 3; i++) made.push((await h.signup({ displayName: `Runner ${i} ${t}` })).user.id);
    const admin = await h.userWithRole('admin', ['users.read', 'users.pii']);
    const first = await h.json<Search>(search({ q: t, limit: '2' }), { cookie: admin.cookie });
    expect(first.body.users.map((u) => u.id)).toEqual([made[2], made[1]]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await h.json<Search>(search({ q: t, limit: '2', cursor: first.body.nextCursor ?? '' }), { cookie: admin.cookie });
    expect(second.body.users.map((u) => u.id)).toEqual([made[0]]);
    expect(second.body.nextCursor).toBeNull();
    const coaches = await h.json<Search>(search({ q: t, role: 'coach' }), { cookie: admin.cookie });
    expect(coaches.body.users).toEqual([]);
    expect((await h.json(search({ q: t, limit: '500' }), { cookie: admin.cookie })).status).toBe(400);
    const badCursor = await h.json<ErrorBody>(search({ q: t, cursor: 'nonsense' }), { cookie: admin.cookie });
    expect(badCursor.status).toBe(400);
    expectErrorShape(badCursor.body, 'VALIDATION');
  });

  it('masks emails and names without users.pii', async () => {
    const h = Harness.init();
    const t = token();
    const ann = await h.signup({ displayName: `Ann Runner${t}`, email: `ann.${t.toLowerCase()}@example.test` });
    const admin = await h.userWithRole('admin', ['users.read']);
    const res = await h.json<Search>(search({ q: ann.user.id }), { cookie: admin.cookie });
    expect(res.body.pii).toBe(false);
    expect(res.body.users[0]).toMatchObject({ email: 'a•••@e•••.test', displayName: 'A••• R•••' });
    expect(JSON.stringify(res.body)).not.toContain(t);
  });

  it('without users.pii matches only what the viewer sees, the id: no prefix of an email or a name finds its account', async () => {
    const h = Harness.init();
    const t = token();
    const email = `ann.${t.toLowerCase()}@example.test`;
    const name = `Ann Runner${t}`;
    const ann = await h.signup({ displayName: name, email });
    const viewers = { demo: await demoViewer(h), admin: await h.userWithRole('admin', ['users.read']) };
    for (const [who, viewer] of Object.entries(viewers)) {
      // How a guesser spells an address out: its first characters one by one, then whole parts.
      const prefixes = (s: string) => [1, 2, 3, 4, 5, 6].map((n) => s.slice(0, n));
      const guesses = [...new Set([...prefixes(email), ...prefixes(name), t, '@example.test', email, name])];
      for (const q of guesses) {
        const res = await h.json<Search>(search({ q }), { cookie: viewer.cookie });
        expect(res.status, `${who} ${q}`).toBe(200);
        // Whatever matches, matches by its id: the one thing shown unmasked.
        for (const u of res.body.users) expect(u.id.startsWith(q.toLowerCase()), `${who} ${q} found ${u.id}`).toBe(true);
        // A guess like "a" may also begin Ann's random id, and then finds her by it, as it should.
        if (ann.user.id.startsWith(q.toLowerCase())) continue;
        expect(
          res.body.users.map((u) => u.id),
          `${who} ${q}`,
        ).not.toContain(ann.user.id);
      }
      const byId = await h.json<Search>(search({ q: ann.user.id.toUpperCase() }), { cookie: viewer.cookie });
      expect(
        byId.body.users.map((u) => u.id),
        who,
      ).toEqual([ann.user.id]);
      const byPrefix = await h.json<Search>(search({ q: ann.user.id.slice(0, 8) }), { cookie: viewer.cookie });
      expect(
        byPrefix.body.users.map((u) => u.id),
        who,
      ).toContain(ann.user.id);
    }
    // With users.pii the same search finds the account by its email and its name.
    const pii = await h.userWithRole('admin', ['users.read', 'users.pii']);
    for (const q of [email.slice(0, 10), t])
      expect((await h.json<Search>(search({ q }), { cookie: pii.cookie })).body.users.map((u) => u.id)).toContain(ann.user.id);
  });

  it('needs users.read', async () => {
    const h = Harness.init();
    expect((await h.call(search({ q: 'a' }))).status).toBe(401);
    const athlete = await h.signup();
    expect((await h.call(search({ q: 'a' }), { cookie: athlete.cookie })).status).toBe(403);
    const admin = await h.userWithRole('admin', ['audit.read']);
    const res = await h.json<ErrorBody>(search({ q: 'a' }), { cookie: admin.cookie });
    expect(res.status).toBe(403);
    expectErrorShape(res.body, 'FORBIDDEN');
    const detail = await h.json<ErrorBody>(`/api/v1/admin/users/${athlete.user.id}`, { cookie: admin.cookie });
    expect(detail.status).toBe(403);
  });
});

describe('athlete detail', () => {
  it('reads every section of a stuck athlete, worst problems first', async () => {
    const h = Harness.init();
    const t = token();
    const owner = await h.userWithRole('owner');
    const ann = await stuckAthlete(h, { displayName: `Ann ${t}` });
    const comp = await h.call(`/api/v1/admin/users/${ann.userId}/comps`, {
      body: { tier: 'pro', days: 30, reason: 'support goodwill' },
      cookie: owner.cookie,
    });
    expect(comp.status).toBe(201);
    const res = await h.json<Detail>(`/api/v1/admin/users/${ann.userId}`, { cookie: owner.cookie });
    expect(res.status).toBe(200);
    const d = res.body;
    expect(d.pii).toBe(true);
    expect(d.profile).toMatchObject({ id: ann.userId, displayName: `Ann ${t}`, email: ann.email, birthYear: 1988 });
    expect(d.issues.map((i) => i.code)).toEqual(['ingestion_error', 'jobs_failed', 'token_expired', 'import_failed', 'rebuild_pending']);
    expect(d.access).toMatchObject({ role: 'athlete', blocked: null, mustChangePassword: false, permissions: [] });
    expect(d.membership).toMatchObject({ tier: 'pro', source: 'comp', trialUsed: false, mirror: [] });
    expect(d.membership.grants).toEqual([
      expect.objectContaining({ kind: 'comp', tier: 'pro', reason: 'support goodwill', revokedAt: null }),
    ]);
    expect(d.integrations).toEqual([
      expect.objectContaining({
        provider: 'strava',
        externalAthleteId: ann.externalAthleteId,
        tokenExpired: true,
        scopes: ['read', 'activity:read_all'],
        lastWebhook: expect.objectContaining({ outcome: 'ingested', object: 'activity create' }),
      }),
    ]);
    expect(d.ingestion.states).toEqual([expect.objectContaining({ source: 'strava', status: 'error', lastError: 'strava 500' })]);
    expect(d.ingestion.jobCounts).toEqual({ error: 1 });
    expect(d.ingestion.jobs).toEqual([expect.objectContaining({ id: ann.jobId, status: 'error', attempts: 5, lastError: 'strava 500' })]);
    expect(d.imports).toEqual([
      expect.objectContaining({
        id: ann.importId,
        filename: 'ann-export.zip',
        status: 'error',
        found: 4,
        imported: 2,
        duplicates: 1,
        skipped: 1,
        error: 'archive truncated',
      }),
    ]);
    expect(d.analytics.rebuildPending).toMatchObject({ reason: 'threshold_changed' });
    expect(d.coaching).toEqual({ org: null, links: [] });
    expect(d.audit.map((a) => [a.action, a.about])).toContainEqual(['membership.comp_granted', 'target']);
    expect(d.sessions).toHaveLength(1);
    expect(d.sessions[0]).toMatchObject({ impersonation: false, device: expect.any(String) });
    expect(d.aiCoach).toEqual({ conversations: 0, monthCalls: 0, monthCostUsd: 0, proposals: {} });
  });

  it('shows a blocked athlete, their coach link, the coach’s own org and this month’s AI coach cost', async () => {
    const h = Harness.init();
    const owner = await h.userWithRole('owner');
    const athlete = await h.signup({ displayName: `Lin ${token()}` });
    const w = await coachOrg(h, { name: 'Support Coaching' });
    const client = await w.addClient('Lin Client');
    await w.linkAthlete(client.id, athlete);
    await h.db.update(users).set({ blockedAt: new Date(), blockedReason: 'chargeback' }).where(eq(users.id, athlete.user.id));
    await h.db.insert(coachConversations).values({ userId: athlete.user.id });
    await h.db.insert(coachLlmCalls).values([
      { userId: athlete.user.id, provider: 'anthropic', model: 'm', outcome: 'ok', costNanoUsd: 12_345_678 },
      {
        userId: athlete.user.id,
        provider: 'anthropic',
        model: 'm',
        outcome: 'ok',
        costNanoUsd: 1_000_000_000,
        createdAt: new Date(Date.now() - 40 * 86_400_000),
      },
    ]);
    const d = (await h.json<Detail>(`/api/v1/admin/users/${athlete.user.id}`, { cookie: owner.cookie })).body;
    expect(d.issues[0]).toMatchObject({ code: 'blocked', severity: 'danger' });
    expect(d.access.blocked).toMatchObject({ reason: 'chargeback' });
    expect(d.coaching.links).toEqual([expect.objectContaining({ orgName: 'Support Coaching', status: 'accepted' })]);
    expect(d.aiCoach).toMatchObject({ conversations: 1, monthCalls: 1, monthCostUsd: 0.0123 });
    const coach = (await h.json<Detail>(`/api/v1/admin/users/${w.coach.id}`, { cookie: owner.cookie })).body;
    expect(coach.coaching.org).toMatchObject({ name: 'Support Coaching', role: 'owner' });
    expect(coach.access.role).toBe('coach');
  });

  it('masks personal data without users.pii, as the demo role sees it', async () => {
    const h = Harness.init();
    const t = token();
    const ann = await stuckAthlete(h, { displayName: `Ann Runner${t}`, email: `ann.${t.toLowerCase()}@example.test` });
    const admin = await h.userWithRole('admin', ['users.read']);
    const res = await h.json<Detail>(`/api/v1/admin/users/${ann.userId}`, { cookie: admin.cookie });
    expect(res.status).toBe(200);
    expect(res.body.pii).toBe(false);
    expect(res.body.profile).toMatchObject({ email: 'a•••@e•••.test', displayName: 'A••• R•••', birthYear: 1988 });
    expect(res.body.sessions[0]?.device).toBe('•••');
    expect(res.body.imports[0]?.filename).toBe('•••');
    expect(res.body.integrations[0]?.externalAthleteId).toBe('•••');
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(t);
    expect(text).not.toContain(ann.externalAthleteId);
    expect(text).not.toContain('ann-export');
  });

  it('404s an unknown id and 400s a malformed one', async () => {
    const h = Harness.init();
    const admin = await h.userWithRole('admin', ['users.read']);
    const missing = await h.json<ErrorBody>(`/api/v1/admin/users/${crypto.randomUUID()}`, { cookie: admin.cookie });
    expect(missing.status).toBe(404);
    expectErrorShape(missing.body, 'NOT_FOUND');
    expect((await h.call('/api/v1/admin/users/not-a-uuid', { cookie: admin.cookie })).status).toBe(400);
  });
});
