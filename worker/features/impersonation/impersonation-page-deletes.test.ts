// The pages' form actions that destroy a user's data are refused to an impersonation as their API routes
// are (issue 55, ADR 029): the pages call services directly, so the high-risk mark on the route does not
// reach them. The user's own session still deletes.
import { describe, expect, it } from 'vitest';
import { coachOrg } from '../../testing/scenarios/coach-world';
import { Harness } from '../../testing/harness';
import { servicesAt } from '../notifications/notifications.testing';
import { impCookieFrom, impersonating } from './impersonation.testing';

const form = (values: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.set(k, v);
  return f;
};

type Ids = { id: string }[];

describe('page actions that delete, under impersonation', () => {
  it('an athlete’s comment, privacy zone, threshold, library workout and notification: refused, yet theirs to delete', async () => {
    const h = Harness.init();
    const { target, both } = await impersonating(h);
    const api = async <T>(path: string, body?: unknown) => {
      const r = await h.json<T>(path, { cookie: target.cookie, body });
      expect(r.status, path).toBeLessThan(300);
      return r.body;
    };
    const post = await api<{ id: string }>('/api/v1/social/posts', { title: 'Tempo run', sport: 'run', date: '2026-06-01' });
    const comment = await api<{ id: string }>(`/api/v1/social/posts/${post.id}/comments`, { body: 'Felt good' });
    const zone = await api<{ id: string }>('/api/v1/social/zones', { label: 'Home', lat: 52.52, lon: 13.4, radiusM: 400 });
    await api('/api/v1/analytics/thresholds', { kind: 'max_hr', value: 190, effectiveFrom: '2000-01-01' });
    const threshold = (await api<{ thresholds: Ids }>('/api/v1/analytics/thresholds')).thresholds[0]!;
    const workout = await api<{ id: string }>('/api/v1/library/workouts', { sport: 'run', type: 'easy', title: 'Easy', text: '- 30m Z2' });
    await servicesAt(h, new Date()).notifications.handleEvent({
      kind: 'event',
      userId: target.id,
      type: 'coach.update',
      dedupeKey: `coach.update:${crypto.randomUUID()}`,
      data: { title: 'Hello', body: 'Hello.', link: '/settings' },
      at: new Date().toISOString(),
    });
    const notification = (await api<{ notifications: Ids }>('/api/v1/notifications')).notifications[0]!;

    const deletes: [string, Record<string, string>, string, () => Promise<number>][] = [
      [
        `/posts/${post.id}`,
        { intent: 'delete-comment', commentId: comment.id },
        'delete a comment',
        async () => (await api<{ comments: Ids }>(`/api/v1/social/posts/${post.id}/comments`)).comments.length,
      ],
      [
        '/settings/social',
        { intent: 'delete-zone', id: zone.id },
        'delete a privacy zone',
        async () => (await api<{ zones: Ids }>('/api/v1/social/zones')).zones.length,
      ],
      [
        '/settings/training',
        { intent: 'delete', id: threshold.id },
        'remove a threshold',
        async () => (await api<{ thresholds: Ids }>('/api/v1/analytics/thresholds')).thresholds.length,
      ],
      [
        '/training/library',
        { intent: 'delete', id: workout.id },
        'delete a library workout',
        async () => (await api<{ workouts: Ids }>('/api/v1/library/workouts')).workouts.length,
      ],
      [
        '/notifications',
        { intent: 'delete', id: notification.id },
        'delete a notification',
        async () => (await api<{ notifications: Ids }>('/api/v1/notifications')).notifications.length,
      ],
    ];
    for (const [path, values, act, count] of deletes) {
      const refused = await h.call(path, { cookie: both, body: form(values) });
      expect(await refused.text(), path).toContain(`You cannot ${act} while impersonating`);
      expect(await count(), path).toBe(1);
      // The athlete's own session deletes it.
      expect((await h.call(path, { cookie: target.cookie, body: form(values) })).status, path).toBeLessThan(400);
      expect(await count(), path).toBe(0);
    }
  });

  it('a coach’s money entry, automation and team member: refused, yet theirs to delete', async () => {
    const h = Harness.init();
    const w = await coachOrg(h, { staff: 1 });
    const { coach, staff } = w;
    const owner = await h.userWithRole('owner');
    const started = await h.call('/api/v1/admin/impersonation', {
      cookie: owner.cookie,
      body: { userId: coach.id, reason: 'Support ticket 7' },
    });
    expect(started.status).toBe(201);
    const both = `${owner.cookie}; ${impCookieFrom(started)}`;
    const api = async <T>(path: string, body?: unknown) => {
      const r = await h.json<T>(`/api/v1/coach${path}`, { cookie: coach.cookie, body });
      expect(r.status, path).toBeLessThan(300);
      return r.body;
    };
    const money = await api<{ id: string }>('/money-events', {
      kind: 'income',
      amountCents: 7_700,
      currency: 'usd',
      occurredOn: '2026-10-03',
      description: 'Cash',
    });
    const automation = await api<{ id: string }>('/automations', {
      name: 'Check-in',
      trigger: { kind: 'daily', time: '07:00' },
      action: { kind: 'task', title: 'Call', message: '' },
      audience: { kind: 'active_clients' },
    });
    const member = staff[0]!;
    const deletes: [string, Record<string, string>, string, () => Promise<boolean>][] = [
      [
        '/coach/money?month=2026-10',
        { intent: 'delete', id: money.id },
        'delete a money entry',
        async () => JSON.stringify(await api('/pnl?month=2026-10')).includes(money.id),
      ],
      [
        '/coach/automations',
        { intent: 'delete', id: automation.id },
        'delete an automation',
        async () => (await api<{ automations: Ids }>('/automations')).automations.some((a) => a.id === automation.id),
      ],
      [
        '/coach/settings',
        { intent: 'team-remove', userId: member.id },
        'remove a coach from the team',
        async () => JSON.stringify(await api('/team')).includes(member.id),
      ],
    ];
    for (const [path, values, act, present] of deletes) {
      const refused = await h.call(path, { cookie: both, body: form(values) });
      expect(await refused.text(), path).toContain(`You cannot ${act} while impersonating`);
      expect(await present(), path).toBe(true);
      expect((await h.call(path, { cookie: coach.cookie, body: form(values) })).status, path).toBeLessThan(400);
      expect(await present(), path).toBe(false);
    }
  });
});
