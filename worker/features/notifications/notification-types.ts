import { z } from 'zod';
import { formatBytes, formatDay, formatHoursMinutes } from '../../lib/format';
import type { Category } from './categories';
import { type Fact, plural, Receipt, spec, type Urgency } from './notification-spec';
import { PLAN_NOTIFICATION_TYPES } from './notification-types.plan';
import { SOCIAL_NOTIFICATION_TYPES } from './notification-types.social';

/**
 * Every notification Cadence sends, in one catalog: its preference category, how urgent it is, the shape
 * of its data, and the words the inbox and the email both use. Producers call `notifications.notify` with
 * a type from here; the fan-out validates the data against it, so a wrong payload fails at the producer's
 * tests, not in someone's inbox.
 */
export { CATEGORIES, CATEGORY_LABELS, type Category } from './categories';

export { Fact, Receipt, type Urgency } from './notification-spec';

const isoDate = z.iso.date();

/** Where an "analysis ready" batch came from, as the notice says it. */
const SOURCE_NAMES = { strava: 'Strava', import: 'your import', garmin: 'Garmin Connect', polar: 'Polar Flow' } as const;

/** Who ended a Strava connection: the athlete here, the athlete on Strava's side, or Cadence support. */
export const DISCONNECT_REASONS = ['athlete', 'revoked_at_provider', 'operator'] as const;

export const NOTIFICATION_TYPES = {
  'plan.created': spec({
    category: 'plan',
    urgency: 'normal',
    data: z.object({
      planId: z.uuid(),
      planName: z.string().max(200),
      weeks: z.int().min(1),
      rebuilt: z.boolean(),
      startsOn: isoDate,
      /** Whether the athlete's membership included moving and editing workouts when it was made (absent on older events). */
      control: z.boolean().optional(),
    }),
    title: (d) => (d.rebuilt ? `Your plan “${d.planName}” was rebuilt` : `Your new plan is ready: ${d.planName}`),
    // Promise only what the reader's plan includes: moving and editing are Pro (workout_control).
    body: (d) =>
      `${plural(d.weeks, 'week')} starting ${formatDay(d.startsOn)}. ${
        d.control === true
          ? 'Move, edit or skip any session; every change is yours.'
          : d.control === false
            ? 'Skip any session you can’t make, and restore it later; moving and editing sessions come with Pro.'
            : 'Open it for each session, its steps and why it is there.'
      }`,
    // The plan's first week on the training calendar.
    link: (d) => `/training?view=week&date=${d.startsOn}`,
    group: (n) => plural(n, 'plan update'),
  }),
  ...PLAN_NOTIFICATION_TYPES,
  /** Today's workout at the athlete's reminder time (ADR 079): push and in-app only, gone with the day. */
  'workout.reminder': spec({
    category: 'plan',
    urgency: 'normal',
    emailed: false,
    data: z.object({
      date: isoDate,
      workoutId: z.uuid(),
      title: z.string().max(200),
      durationS: z.int().min(0),
      /** Planned workouts that day (the first is named). */
      count: z.int().min(1),
      /** The end of the athlete's local day: a push not shown by then is dropped (its TTL). */
      endsAt: z.iso.datetime({ offset: true }),
    }),
    title: (d) => (d.count > 1 ? `Today: ${d.title} and ${plural(d.count - 1, 'more session')}` : `Today: ${d.title}`),
    body: (d) => `${formatHoursMinutes(d.durationS)} planned. Open it for its steps and why it is there.`,
    link: (d) => `/training?view=week&date=${d.date}&workout=${d.workoutId}`,
    group: (n) => plural(n, 'workout reminder'),
  }),
  'analysis.ready': spec({
    category: 'analysis',
    urgency: 'normal',
    data: z.object({
      source: z.enum(['strava', 'import', 'garmin', 'polar']),
      activityCount: z.int().min(0),
      newBests: z.array(z.object({ label: z.string().max(80), seconds: z.number().positive(), activityId: z.uuid() })).max(10),
      form: z.object({ date: isoDate, ctl: z.number(), atl: z.number(), tsb: z.number() }).nullable(),
      receipts: z.array(Receipt).max(10),
    }),
    title: (d) => `${plural(d.activityCount, 'new activity', 'new activities')} analysed`,
    body: (d) => {
      const bests = d.newBests.length ? ` ${plural(d.newBests.length, 'new best')}: ${d.newBests.map((b) => b.label).join(', ')}.` : '';
      const form = d.form ? ` Form ${d.form.tsb >= 0 ? '+' : ''}${Math.round(d.form.tsb)} on ${formatDay(d.form.date)}.` : '';
      return `From ${SOURCE_NAMES[d.source]}.${bests}${form}`.trim();
    },
    link: (d) => (d.activityCount === 1 && d.receipts[0] ? `/activities/${d.receipts[0].id}` : '/activities'),
    group: (n) => plural(n, 'analysis update'),
    facts: (d) =>
      d.form
        ? [
            { label: 'Fitness (CTL)', value: d.form.ctl, format: 'number' },
            { label: 'Fatigue (ATL)', value: d.form.atl, format: 'number' },
            { label: 'Form (TSB)', value: d.form.tsb, format: 'signed_number' },
          ]
        : [],
    receipts: (d) => d.receipts,
  }),
  'load.warning': spec({
    category: 'load',
    urgency: 'alert',
    data: z.object({
      kind: z.enum(['ramp', 'negative_form']),
      date: isoDate,
      /** ramp: CTL gained over the last 7 days; negative_form: today's TSB. */
      value: z.number(),
      threshold: z.number(),
      /** negative_form: consecutive days below the threshold. */
      days: z.int().min(0).optional(),
      receipts: z.array(Receipt).max(10),
    }),
    title: (d) => (d.kind === 'ramp' ? 'Your training load rose quickly this week' : 'Your form has stayed negative'),
    body: (d) =>
      d.kind === 'ramp'
        ? `Fitness (CTL) rose ${d.value.toFixed(1)} points in the 7 days to ${formatDay(d.date)}, above the ${d.threshold}-point band your dashboard flags.`
        : `Form (TSB) has been below ${d.threshold} for ${plural(d.days ?? 0, 'day')}, ${d.value.toFixed(0)} on ${formatDay(d.date)}.`,
    // The insight's card on Home (InsightsCard gives each kind's card id="insight-<kind>").
    link: (d) => `/home#insight-${d.kind === 'ramp' ? 'ramp_rate' : 'negative_form'}`,
    group: (n) => plural(n, 'training-load alert'),
    facts: (d) => [
      { label: d.kind === 'ramp' ? 'CTL change, 7 days' : 'Form (TSB)', value: d.value, format: 'signed_number' },
      { label: 'Threshold', value: d.threshold, format: 'signed_number' },
    ],
    receipts: (d) => d.receipts,
  }),
  'weekly.summary': spec({
    category: 'analysis',
    urgency: 'normal',
    /** The rest (volume, load, form, compliance, next week) is read when the message is rendered. */
    data: z.object({ weekStart: isoDate }),
    title: (d) => `Your week of ${formatDay(d.weekStart)}`,
    body: () => 'Volume, load, form and how the plan went, with next week’s key sessions.',
    link: () => '/home',
    group: (n) => plural(n, 'weekly summary', 'weekly summaries'),
  }),
  'coach.link_request': spec({
    category: 'coach',
    urgency: 'normal',
    data: z.object({ linkId: z.uuid(), orgName: z.string().max(200) }),
    title: (d) => `${d.orgName} asked to see your training`,
    body: () => 'Share your training with your coach, or decline, in Settings.',
    link: () => '/settings#coaches',
    group: (n) => plural(n, 'coach request'),
  }),
  /** Coach-business messages without figures (link accepted or ended, staff invitations). */
  'coach.update': spec({
    category: 'coach',
    urgency: 'normal',
    data: z.object({ title: z.string().max(200), body: z.string().max(2000), link: z.string().startsWith('/').max(500) }),
    title: (d) => d.title,
    body: (d) => d.body,
    link: (d) => d.link,
    group: (n) => plural(n, 'coach update'),
  }),
  /** A comment in a conversation on training (ADR 056): to the athlete from their coach, or to the coach from the athlete. */
  'comment.posted': spec({
    category: 'coach',
    urgency: 'alert',
    data: z.object({
      subjectKind: z.enum(['activity', 'workout']),
      subjectTitle: z.string().max(200),
      authorName: z.string().max(200),
      excerpt: z.string().max(280),
      link: z.string().startsWith('/').max(500),
    }),
    title: (d) => `${d.authorName} commented on ${d.subjectKind === 'activity' ? 'the activity' : 'the workout'} “${d.subjectTitle}”`,
    body: (d) => d.excerpt,
    link: (d) => d.link,
    group: (n) => plural(n, 'comment'),
  }),
  'coach.proposal': spec({
    category: 'coach',
    urgency: 'alert',
    data: z.object({ conversationId: z.uuid(), proposalId: z.uuid(), summary: z.string().max(500) }),
    title: () => 'Your AI coach proposed a plan change',
    body: (d) => `${d.summary} Nothing changes until you confirm.`,
    link: (d) => `/ai-coach/${d.conversationId}#proposal-${d.proposalId}`,
    group: (n) => plural(n, 'proposal awaiting you', 'proposals awaiting you'),
  }),
  /** A Strava connection ended and what it took with it; Data sources says the same words back (stravaDisconnectWords). */
  'strava.disconnected': spec({
    category: 'account',
    // A deletion of the athlete's data, like billing and security mail: sent whatever the email settings say.
    urgency: 'transactional',
    data: z.object({ reason: z.enum(DISCONNECT_REASONS), removed: z.int().min(0), kept: z.int().min(0) }),
    title: (d) =>
      d.reason === 'revoked_at_provider'
        ? 'Strava disconnected: you revoked access on Strava'
        : d.reason === 'operator'
          ? 'Strava disconnected by Cadence support'
          : 'Strava disconnected',
    body: (d) => {
      const removed =
        d.removed === 0
          ? 'No activities from Strava’s API were stored, so none were removed'
          : `${plural(d.removed, 'activity', 'activities')} from Strava’s API ${d.removed === 1 ? 'was' : 'were'} removed as Strava’s terms require`;
      const kept = d.kept === 0 ? 'you have none from files or an archive yet' : `${d.kept} from your files and archive stayed`;
      return `${removed}; ${kept}. Upload your Strava archive to keep your Strava history.`;
    },
    // Where files and the Strava archive are uploaded.
    link: () => '/settings/data#files',
    group: (n) => plural(n, 'data source disconnected', 'data sources disconnected'),
  }),
  /** The athlete's data archive (ADR 041): downloadable from Settings → Data by them only, until it expires. */
  'privacy.export_ready': spec({
    category: 'account',
    // Asked for by the athlete and lapsing in 72 hours: sent as it happens, whatever the email settings say.
    urgency: 'transactional',
    data: z.object({ requestId: z.uuid(), bytes: z.int().min(0), expiresAt: z.iso.datetime() }),
    title: () => 'Your data archive is ready',
    body: (d) =>
      `Download it from Settings → Data until ${formatDay(d.expiresAt.slice(0, 10))} (${formatBytes(d.bytes)}). The link works only while you are signed in.`,
    link: () => '/settings/data#your-data',
    group: (n) => plural(n, 'data archive'),
  }),
  'strava.cache_reduced': spec({
    category: 'account',
    // Data of theirs was cut down: told whatever the email settings say, like a disconnect's deletion.
    urgency: 'transactional',
    data: z.object({ reduced: z.int().min(1) }),
    title: () => 'Strava activities older than 7 days are now kept as summaries',
    body: (d) =>
      `Strava’s 2026 API policy lets Cadence keep what its API sends for 7 days only, so ${plural(d.reduced, 'older Strava activity', 'older Strava activities')} now ${d.reduced === 1 ? 'keeps' : 'keep'} only sport, date, time and distance. Upload your Strava archive to keep your whole history, with every detail, and use it everywhere.`,
    link: () => '/settings/data#files',
    group: (n) => plural(n, 'Strava data notice', 'Strava data notices'),
  }),
  'billing.trial_ending': spec({
    category: 'account',
    urgency: 'transactional',
    data: z.object({ tierName: z.string().max(40), endsOn: isoDate }),
    title: (d) => `Your ${d.tierName} trial ends on ${formatDay(d.endsOn)}`,
    body: () => 'Add a card to keep your plan, coach and analytics; otherwise you move to Free and keep your data.',
    link: () => '/settings/membership',
    group: (n) => plural(n, 'trial reminder'),
  }),
  'billing.payment_failed': spec({
    category: 'account',
    urgency: 'transactional',
    data: z.object({
      tierName: z.string().max(40),
      amountMinor: z.int().min(0),
      currency: z.string().length(3),
      graceEndsOn: isoDate.nullable(),
      invoiceId: z.string().max(100).nullable(),
    }),
    title: (d) => `Your ${d.tierName} payment failed`,
    body: (d) =>
      `We could not take ${(d.amountMinor / 100).toFixed(2)} ${d.currency.toUpperCase()}. ${d.graceEndsOn ? `Update your card before ${formatDay(d.graceEndsOn)} to keep ${d.tierName}.` : 'Update your card to keep your plan.'}`,
    // The invoice's row in Settings → Membership (rows carry id="invoice-<id>").
    link: (d) => `/settings/membership#${d.invoiceId ? `invoice-${d.invoiceId}` : 'invoices'}`,
    group: (n) => plural(n, 'payment problem'),
  }),
  ...SOCIAL_NOTIFICATION_TYPES,
};

export type NotificationType = keyof typeof NOTIFICATION_TYPES;
export const NOTIFICATION_TYPE_NAMES = Object.keys(NOTIFICATION_TYPES) as [NotificationType, ...NotificationType[]];
export type NotificationData<T extends NotificationType> = z.infer<(typeof NOTIFICATION_TYPES)[T]['data']>;

/** The catalog entry, typed loosely for code that handles any type (fan-out, renderers). */
export interface AnyTypeSpec {
  category: Category;
  urgency: Urgency;
  data: z.ZodType;
  title(d: unknown): string;
  body(d: unknown): string;
  link(d: unknown): string | null;
  group(n: number): string;
  facts?(d: unknown): Fact[];
  receipts?(d: unknown): Receipt[];
  emailed?: false;
}
export const typeSpec = (type: NotificationType): AnyTypeSpec => NOTIFICATION_TYPES[type] as unknown as AnyTypeSpec;
export const isNotificationType = (t: string): t is NotificationType => Object.hasOwn(NOTIFICATION_TYPES, t);
