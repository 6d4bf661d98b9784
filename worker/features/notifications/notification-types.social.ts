// The social layer's notifications (issue 42, ADR 083), spread into the one catalog (notification-types.ts). None is
// sent across a block: each producer checks the relation after its commit and before notify.
import { z } from 'zod';
import { formatDay } from '../../lib/format';
import { plural, spec } from './notification-spec';

/** What a moderation notice's title says, per act (the thing named: post, comment or profile). */
const MODERATION_TITLES = {
  hide: (what: string) => `A moderator hid your ${what}`,
  warn: (what: string) => `A moderator warned you about your ${what}`,
  suspend: () => 'A moderator suspended your sharing',
  lift: (what: string) => (what === 'profile' ? 'Your suspension was lifted' : `Your ${what} is shown again`),
  upheld: () => 'Your appeal was decided: the action stands',
  overturned: () => 'Your appeal was decided: the action was reversed',
} as const;

export const SOCIAL_NOTIFICATION_TYPES = {
  /** Someone asked to follow a private profile (issue 42); never sent across a block. */
  'social.follow_request': spec({
    category: 'social',
    urgency: 'normal',
    data: z.object({ userId: z.uuid(), name: z.string().max(200) }),
    title: (d) => `${d.name} asked to follow you`,
    body: () => 'Accept or decline in People; nobody is told of a decline.',
    link: () => '/people#requests',
    group: (n) => plural(n, 'follow request'),
  }),
  'social.follow_accepted': spec({
    category: 'social',
    urgency: 'normal',
    data: z.object({ userId: z.uuid(), name: z.string().max(200) }),
    title: (d) => `${d.name} accepted your follow request`,
    body: () => 'Their shared training now shows in your feed.',
    link: (d) => `/people/${d.userId}`,
    group: (n) => plural(n, 'follow request accepted', 'follow requests accepted'),
  }),
  /** A moderator's act on the athlete's post, comment or profile, or the decision on their appeal (issue 42). */
  'social.moderation': spec({
    category: 'account',
    // About the athlete's standing and what others see of them: told as it happens, whatever the email settings say.
    urgency: 'transactional',
    data: z.object({
      actionId: z.uuid(),
      kind: z.enum(['hide', 'warn', 'suspend', 'lift', 'upheld', 'overturned']),
      targetKind: z.enum(['post', 'comment', 'profile']),
      reason: z.string().max(500),
      until: z.iso.datetime({ offset: true }).nullable(),
    }),
    title: (d) => MODERATION_TITLES[d.kind](d.targetKind === 'profile' ? 'profile' : d.targetKind),
    body: (d) =>
      `Reason: ${d.reason}${d.until ? ` Until ${formatDay(d.until.slice(0, 10))}.` : ''}${
        d.kind === 'hide' || d.kind === 'warn' || d.kind === 'suspend' ? ' You may appeal once.' : ''
      }`,
    link: (d) => `/settings/social/moderation#action-${d.actionId}`,
    group: (n) => plural(n, 'moderation notice'),
  }),
  /** An achievement earned (social awards, ADR 083): on a late import too; a withdrawal is shown on the page, not sent. */
  'social.achievement': spec({
    category: 'analysis',
    urgency: 'normal',
    data: z.object({
      code: z.string().max(40),
      title: z.string().max(80),
      points: z.int().min(0),
      earnedAt: z.iso.datetime(),
      activityIds: z.array(z.uuid()).max(10),
    }),
    title: (d) => `Achievement: ${d.title}`,
    body: (d) =>
      `${plural(d.points, 'point')}, earned on ${formatDay(d.earnedAt.slice(0, 10))}. Its receipts are on your achievements page.`,
    link: () => '/achievements',
    group: (n) => plural(n, 'achievement'),
  }),
  /** Social (issue 42): someone named you in a post or comment. Never sent across a block (posts service). */
  'social.mention': spec({
    category: 'social',
    urgency: 'normal',
    data: z.object({ postId: z.uuid(), byName: z.string().max(200), postTitle: z.string().max(200), excerpt: z.string().max(280) }),
    title: (d) => `${d.byName} mentioned you on “${d.postTitle}”`,
    body: (d) => d.excerpt,
    link: (d) => `/posts/${d.postId}`,
    group: (n) => plural(n, 'mention'),
  }),
  /** Kudos on your post: one per giver and post (the dedupe key), grouped in the inbox. */
  'social.kudos': spec({
    category: 'social',
    urgency: 'normal',
    emailed: false,
    data: z.object({ postId: z.uuid(), byName: z.string().max(200), postTitle: z.string().max(200) }),
    title: (d) => `${d.byName} gave kudos to “${d.postTitle}”`,
    body: () => 'Open your post to see everyone who did.',
    link: (d) => `/posts/${d.postId}`,
    group: (n) => plural(n, 'kudos', 'kudos'),
  }),
  'social.comment': spec({
    category: 'social',
    urgency: 'normal',
    data: z.object({ postId: z.uuid(), byName: z.string().max(200), postTitle: z.string().max(200), excerpt: z.string().max(280) }),
    title: (d) => `${d.byName} commented on “${d.postTitle}”`,
    body: (d) => d.excerpt,
    link: (d) => `/posts/${d.postId}#comments`,
    group: (n) => plural(n, 'comment'),
  }),
};
