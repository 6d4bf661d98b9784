// The catalog's words promise only what the reader's plan includes, and write dates as the pages do
// ("3 Nov 2026"), never as ISO.
import { describe, expect, it } from 'vitest';
import { NOTIFICATION_TYPES, type NotificationData, type NotificationType, typeSpec } from './notification-types';

const id = '6f1c1d2e-8a4b-4c3d-9e5f-0a1b2c3d4e5f';
const receipt = { id, name: 'Tempo', startDate: '2026-11-03' };

/** One valid event of every type, its dates chosen so an ISO date would show. */
const SAMPLES: { [T in NotificationType]: NotificationData<T> } = {
  'plan.created': { planId: id, planName: 'Riverside Half', weeks: 14, rebuilt: false, startsOn: '2026-11-26', control: false },
  'plan.adapted': { planId: id, count: 2, applied: 0, reason: 'You missed Tuesday’s tempo: moved to Thursday.', decides: 'you' },
  'workout.reminder': {
    date: '2026-11-26',
    workoutId: id,
    title: 'Tempo 3 × 10 min',
    durationS: 3900,
    count: 2,
    endsAt: '2026-11-26T23:00:00.000Z',
  },
  'analysis.ready': {
    source: 'import',
    activityCount: 2,
    newBests: [],
    form: { date: '2026-11-03', ctl: 50, atl: 55, tsb: -5 },
    receipts: [receipt],
  },
  'load.warning': { kind: 'ramp', date: '2026-11-03', value: 9.4, threshold: 8, receipts: [receipt] },
  'weekly.summary': { weekStart: '2026-11-16' },
  'coach.link_request': { linkId: id, orgName: 'Summit' },
  'coach.update': { title: 'Linked', body: 'Your coach can see your training.', link: '/settings' },
  'coach.proposal': { conversationId: id, proposalId: id, summary: 'Ease Thursday.' },
  'comment.posted': {
    subjectKind: 'activity',
    subjectTitle: 'Tempo',
    authorName: 'Coach Sam',
    excerpt: 'Nice pacing.',
    link: '/activities/x',
  },
  'strava.disconnected': { reason: 'revoked_at_provider', removed: 14, kept: 230 },
  'privacy.export_ready': { requestId: id, bytes: 52_428_800, expiresAt: '2026-11-06T09:00:00.000Z' },
  'strava.cache_reduced': { reduced: 37 },
  'social.achievement': { code: 'first_5k', title: 'First 5 km run', points: 10, earnedAt: '2026-11-03T07:00:00.000Z', activityIds: [id] },
  'billing.trial_ending': { tierName: 'Pro', endsOn: '2026-12-02' },
  'billing.payment_failed': { tierName: 'Pro', amountMinor: 1200, currency: 'usd', graceEndsOn: '2026-12-05', invoiceId: null },
  'social.follow_request': { userId: id, name: 'Robin' },
  'social.follow_accepted': { userId: id, name: 'Robin' },
  'social.moderation': {
    actionId: id,
    kind: 'suspend',
    targetKind: 'profile',
    reason: 'Repeated spam.',
    until: '2026-12-03T09:00:00.000Z',
  },
  'social.mention': { postId: id, byName: 'Ana', postTitle: 'Long run', excerpt: 'With @you today' },
  'social.kudos': { postId: id, byName: 'Ana', postTitle: 'Long run' },
  'social.comment': { postId: id, byName: 'Ana', postTitle: 'Long run', excerpt: 'Nice one' },
};

const body = (data: NotificationData<'plan.created'>) => NOTIFICATION_TYPES['plan.created'].body(data);

describe('the notification catalog’s words', () => {
  it('a new plan promises moving and editing only to a plan that includes them', () => {
    const sample = SAMPLES['plan.created'];
    expect(body({ ...sample, control: true })).toBe(
      '14 weeks starting 26 Nov 2026. Move, edit or skip any session; every change is yours.',
    );
    const free = body({ ...sample, control: false });
    expect(free).not.toMatch(/\bMove\b|\bedit\b/);
    expect(free).toContain('Skip any session');
    expect(free).toContain('come with Pro');
    // Events stored before the flag existed promise nothing either way.
    const { control: _, ...older } = sample;
    expect(body(older)).toBe('14 weeks starting 26 Nov 2026. Open it for each session, its steps and why it is there.');
  });

  it('every type validates its sample and writes dates as the pages do, never YYYY-MM-DD', () => {
    for (const type of Object.keys(SAMPLES) as NotificationType[]) {
      const spec = typeSpec(type);
      const data = spec.data.parse(SAMPLES[type]);
      const words = `${spec.title(data)} ${spec.body(data)}`;
      expect(words, type).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    }
    expect(typeSpec('load.warning').body(SAMPLES['load.warning'])).toContain('in the 7 days to 3 Nov 2026');
    expect(typeSpec('billing.trial_ending').title(SAMPLES['billing.trial_ending'])).toBe('Your Pro trial ends on 2 Dec 2026');
  });

  it('the archive notice states the archive’s size with the one byte formatter (571 KB is not "1 MB")', () => {
    const spec = typeSpec('privacy.export_ready');
    const d = SAMPLES['privacy.export_ready'];
    expect(spec.body({ ...d, bytes: 584_704 })).toContain('(571 KB)');
    expect(spec.body({ ...d, bytes: 52_428_800 })).toContain('(50 MB)');
  });

  it('a Strava disconnect says what went, what stayed and why, and points at the upload', () => {
    const spec = typeSpec('strava.disconnected');
    const d = SAMPLES['strava.disconnected'];
    expect(spec.title(d)).toBe('Strava disconnected: you revoked access on Strava');
    expect(spec.body(d)).toBe(
      '14 activities from Strava’s API were removed as Strava’s terms require; 230 from your files and archive stayed. Upload your Strava archive to keep your Strava history.',
    );
    expect(spec.link(d)).toBe('/settings/data#files');
    expect(spec.title({ ...d, reason: 'athlete' })).toBe('Strava disconnected');
    expect(spec.title({ ...d, reason: 'operator' })).toBe('Strava disconnected by Cadence support');
    expect(spec.body({ reason: 'athlete', removed: 1, kept: 0 })).toBe(
      '1 activity from Strava’s API was removed as Strava’s terms require; you have none from files or an archive yet. Upload your Strava archive to keep your Strava history.',
    );
    expect(spec.body({ reason: 'athlete', removed: 0, kept: 3 })).toMatch(
      /^No activities from Strava’s API were stored, so none were removed; 3 from/,
    );
    expect(spec.category).toBe('account');
    expect(spec.urgency).toBe('transactional');
  });

  it('the workout reminder names today’s session, links to it on the calendar and is never emailed', () => {
    const spec = typeSpec('workout.reminder');
    const d = SAMPLES['workout.reminder'];
    expect(spec.title(d)).toBe('Today: Tempo 3 × 10 min and 1 more session');
    expect(spec.title({ ...d, count: 1 })).toBe('Today: Tempo 3 × 10 min');
    expect(spec.body(d)).toBe('1 h 05 min planned. Open it for its steps and why it is there.');
    expect(spec.link(d)).toBe(`/training?view=week&date=2026-11-26&workout=${id}`);
    expect(spec).toMatchObject({ category: 'plan', urgency: 'normal', emailed: false });
  });
});
