// The adaptive plan's notifications (issue 58, ADR 103), spread into the one catalog (notification-types.ts).
import { z } from 'zod';
import { plural, spec } from './notification-spec';

export const PLAN_NOTIFICATION_TYPES = {
  /** The plan answered the athlete's real week (issue 58): proposals to confirm, ones applied on their own, or the coach's to decide. */
  'plan.adapted': spec({
    category: 'plan',
    urgency: 'normal',
    data: z.object({
      planId: z.uuid(),
      /** Changes in this notice, and how many of them applied on their own (the athlete's opt-in). */
      count: z.int().min(1),
      applied: z.int().min(0),
      /** The first change's reason, as the plan wrote it. */
      reason: z.string().max(500),
      /** Who decides the rest: the athlete, or their coach first. */
      decides: z.enum(['you', 'coach']),
    }),
    title: (d) =>
      d.applied === d.count
        ? `Your plan adapted: ${plural(d.count, 'change')} applied`
        : d.decides === 'coach'
          ? `Your plan proposed ${plural(d.count, 'change')}: your coach decides`
          : `Your plan proposes ${plural(d.count, 'change')}`,
    body: (d) =>
      `${d.reason} ${
        d.applied === d.count
          ? 'Undo any of them from Home.'
          : d.decides === 'coach'
            ? 'Your coach approves, edits or refuses it; you see what they decide.'
            : 'Nothing changes until you confirm.'
      }`,
    link: () => '/home#plan-changes',
    group: (n) => plural(n, 'plan change'),
  }),
};
