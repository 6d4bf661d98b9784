import { describe, expect, it } from 'vitest';
import { Harness } from '../../../testing/harness';
import type { NotificationData, NotificationType } from '../notification-types';
import { athleteIn, loadWarning } from '../notifications.testing';
import { browserKeys, pushServicesAt, ScriptedPush } from '../push/push.testing';

// Issue 41's list of what reaches a phone: coach messages, proposals awaiting confirmation, new or rebuilt plans,
// load warnings, payment problems (the daily reminder has its own tests). Each one, as its producer sends it,
// becomes a push with the urgency the type was given; the producers' own tests show they send it.
const T0 = new Date('2027-02-09T10:00:00Z');
const id = () => crypto.randomUUID();

const TRIGGERS: { [T in NotificationType]?: { data: NotificationData<T>; urgency: string; title: string } } = {
  'coach.update': {
    data: { title: 'Summit accepted your link', body: 'Your coach can now see your training.', link: '/settings#coaches' },
    urgency: 'high',
    title: 'Summit accepted your link',
  },
  'comment.posted': {
    data: { subjectKind: 'workout', subjectTitle: 'Tempo', authorName: 'Coach Sam', excerpt: 'Hold 4:10.', link: '/training' },
    urgency: 'high',
    title: 'Coach Sam commented on the workout “Tempo”',
  },
  'coach.proposal': {
    data: { conversationId: id(), proposalId: id(), summary: 'Ease Thursday.' },
    urgency: 'high',
    title: 'Your AI coach proposed a plan change',
  },
  'plan.created': {
    data: { planId: id(), planName: 'Spring 10K', weeks: 10, rebuilt: true, startsOn: '2027-02-15', control: true },
    urgency: 'normal',
    title: 'Your plan “Spring 10K” was rebuilt',
  },
  'load.warning': { data: loadWarning(), urgency: 'normal', title: 'Your training load rose quickly this week' },
  'billing.payment_failed': {
    data: { tierName: 'Pro', amountMinor: 1200, currency: 'eur', graceEndsOn: '2027-02-16', invoiceId: 'in_1' },
    urgency: 'normal',
    title: 'Your Pro payment failed',
  },
};

describe('every trigger issue 41 names reaches push', () => {
  it('coach messages, proposals, a rebuilt plan, a load warning and a payment problem each push once, as their type says', async () => {
    const h = Harness.init();
    const a = await athleteIn(h, 'UTC', { emailMode: 'off' });
    const push = new ScriptedPush();
    const s = pushServicesAt(h, T0, push);
    await s.pushSubscriptions.subscribe(a.user.id, {
      installId: id(),
      endpoint: `https://push.example.com/send/${id()}`,
      keys: await browserKeys(),
    });
    // A new (not rebuilt) plan pushes too.
    const cases = [
      ...Object.entries(TRIGGERS),
      [
        'plan.created',
        {
          ...TRIGGERS['plan.created']!,
          data: { ...TRIGGERS['plan.created']!.data, rebuilt: false },
          title: 'Your new plan is ready: Spring 10K',
        },
      ],
    ] as [NotificationType, { data: Record<string, unknown>; urgency: string; title: string }][];

    for (const [i, [type, t]] of cases.entries()) {
      const r = await s.notifications.handleEvent({
        kind: 'event',
        userId: a.user.id,
        type,
        dedupeKey: `trig:${i}:${a.user.id}`,
        data: t.data,
      });
      // One device: pushed in the trigger's own invocation, nothing put back on the queue (ADR 076).
      expect(r, type).toMatchObject({ duplicate: false, pushed: 'sent' });
      expect(s.queued.splice(0), type).toHaveLength(0);
      const sent = push.sent.at(-1)!.message;
      expect(sent.urgency, type).toBe(t.urgency);
      expect(JSON.parse(sent.payload), type).toMatchObject({ type, title: t.title });
    }
    expect(push.sent).toHaveLength(cases.length);
  });
});
