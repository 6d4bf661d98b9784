import { describe, expect, it } from 'vitest';
import { commonLink, groupNotifications } from './notification-groups';
import type { Notification } from '../notifications.schema';

describe('grouping rules', () => {
  const row = (over: Partial<Notification>): Notification => ({
    id: crypto.randomUUID(),
    type: 'coach.update',
    category: 'coach',
    title: 't',
    body: 'b',
    link: '/x',
    readAt: null,
    createdAt: '2027-03-28T12:00:00.000Z',
    ...over,
  });

  it('keeps a DST change day one day (Europe/Berlin, 23 hours on 2027-03-28)', () => {
    const groups = groupNotifications(
      [
        row({ createdAt: '2027-03-28T21:59:00.000Z' }),
        row({ createdAt: '2027-03-27T23:00:00.000Z' }),
        row({ createdAt: '2027-03-27T22:59:00.000Z' }),
      ],
      'Europe/Berlin',
    );
    expect(groups.map((g) => [g.day, g.count])).toEqual([
      ['2027-03-28', 2],
      ['2027-03-27', 1],
    ]);
  });

  it('finds what links share, and never links outside the app', () => {
    expect(commonLink(['/activities/a', '/activities/b#x'])).toBe('/activities');
    expect(commonLink(['/ai-coach/1#proposal-a', '/ai-coach/2#proposal-b'])).toBe('/ai-coach');
    expect(commonLink(['/settings#coaches', '/settings#coaches'])).toBe('/settings#coaches');
    expect(commonLink(['/settings#coaches', '/coach'])).toBeNull();
    expect(commonLink(['/activities', null])).toBeNull();
    expect(commonLink(['//evil.example/x', '//evil.example/x'])).toBeNull();
    expect(groupNotifications([row({ link: 'https://evil.example' })], 'UTC')[0]!.link).toBeNull();
    expect(groupNotifications([row({ type: 'org_invite' }), row({ type: 'org_invite' })], 'UTC')[0]!.title).toBe('2 notifications');
  });
});
