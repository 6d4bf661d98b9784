// The privacy data map: every table of the schema, and for each one that holds data about a person, whose rows
// they are, where an export puts them and what deletion does to every column that names someone. Export,
// deletion, the orphan sweep and the coverage test all read this one list, so a new table without a decision
// fails CI (data-map.test.ts) instead of leaking into, or out of, an archive or an erasure. ADR 041/042.
import * as s from '../../db/schema';
import { COACHING_TABLES } from './data-map.coaching';
import { MAPS_TABLES } from './data-map.maps';
import { SOCIAL_TABLES } from './data-map.social';
import { TRAINING_TABLES } from './data-map.training';
import { type DataMapEntry, OPERATIONAL, OWN_SECRET, type PersonalTable } from './data-map.types';

export type { DataMapEntry, EraseRule, ExportArea, ExportRule, ImpersonalTable, Owner, PersonalTable } from './data-map.types';

export const DATA_MAP: readonly DataMapEntry[] = [
  // Account
  {
    table: s.users,
    owner: { user: s.users.id },
    export: { area: 'account', omit: [s.users.passwordHash] },
    erase: { email: 'delete' },
  },
  {
    table: s.permissions,
    owner: { user: s.permissions.userId },
    export: { area: 'account' },
    erase: { user_id: 'cascade', granted_by: 'set null' },
  },
  {
    table: s.sessions,
    owner: { user: s.sessions.userId },
    export: { area: 'security', omit: [s.sessions.tokenHash] },
    erase: { user_id: 'cascade', impersonator_id: 'cascade' },
  },
  {
    table: s.passwordResetTokens,
    owner: { user: s.passwordResetTokens.userId },
    export: { exempt: OWN_SECRET },
    erase: { user_id: 'cascade' },
  },
  {
    // An email change (ADR 040): both addresses are the account's own history, exported with its security
    // records; the link tokens are stored as hashes and never written out. The row goes with the account.
    table: s.emailChanges,
    owner: { user: s.emailChanges.userId },
    export: { area: 'security', omit: [s.emailChanges.confirmTokenHash, s.emailChanges.undoTokenHash] },
    erase: {
      user_id: 'cascade',
      old_email: { with: s.emailChanges.userId },
      new_email: { with: s.emailChanges.userId },
    },
  },
  {
    // API keys (ADR 105): the owner's own security record (name, prefix, scopes, use), never the secret's hash; a team
    // key goes with its org (cascade) as well as with the user who made it and acts through it.
    table: s.apiKeys,
    owner: { user: s.apiKeys.userId },
    export: { area: 'security', omit: [s.apiKeys.secretHash, s.apiKeys.windowStart, s.apiKeys.windowCount] },
    erase: { user_id: 'cascade', created_by: 'set null', org_id: 'cascade' },
  },
  {
    // An assistant's minute window (ADR 107): a counter reset every minute, nothing the athlete entered, so not
    // exported (as a key's window columns are not). The grant itself is in KV, revoked by the deletion request.
    table: s.oauthRateWindows,
    owner: { user: s.oauthRateWindows.userId },
    export: { exempt: OPERATIONAL },
    erase: { user_id: 'cascade', client_id: { notAPerson: "an assistant's OAuth client id: an app, not a coaching client" } },
  },
  { table: s.loginThrottle, impersonal: 'keyed by IP address or a SHA-256 of an email, expires within hours; never names an account' },
  {
    table: s.auditLog,
    owner: { user: s.auditLog.actorId },
    export: { area: 'security' },
    erase: { actor_id: 'pseudonymise', target_id: 'pseudonymise' },
  },
  { table: s.actionCounters, owner: { user: s.actionCounters.userId }, export: { exempt: OPERATIONAL }, erase: { user_id: 'cascade' } },
  { table: s.invites, owner: { user: s.invites.createdBy }, export: { area: 'account' }, erase: { created_by: 'set null' } },
  {
    table: s.inviteRedemptions,
    owner: { user: s.inviteRedemptions.userId },
    export: { area: 'account' },
    erase: { user_id: 'cascade', invite_id: { notAPerson: 'an invite code' } },
  },
  {
    table: s.calendarFeeds,
    owner: { user: s.calendarFeeds.userId },
    export: { area: 'account', omit: [s.calendarFeeds.tokenHash] },
    erase: { user_id: 'cascade' },
  },

  // Membership and billing
  {
    table: s.membershipGrants,
    owner: { user: s.membershipGrants.userId },
    export: { area: 'billing' },
    erase: { user_id: 'cascade', org_id: 'cascade', granted_by: 'set null', revoked_by: 'set null' },
  },
  { table: s.membershipTrials, owner: { user: s.membershipTrials.userId }, export: { area: 'billing' }, erase: { user_id: 'cascade' } },
  { table: s.usageCounters, owner: { user: s.usageCounters.userId }, export: { area: 'billing' }, erase: { user_id: 'cascade' } },
  { table: s.usageUnits, owner: { user: s.usageUnits.userId }, export: { area: 'billing' }, erase: { user_id: 'cascade' } },
  {
    table: s.billingCustomers,
    owner: { user: s.billingCustomers.ownerId },
    export: { area: 'billing' },
    erase: { owner_id: 'delete', stripe_customer_id: { keep: 'anonymised at Stripe; invoices stay there where tax law requires' } },
  },
  {
    table: s.subscriptionMirror,
    owner: { parent: s.billingCustomers, column: s.subscriptionMirror.stripeCustomerId },
    export: { area: 'billing' },
    erase: { stripe_customer_id: 'cascade' },
  },
  { table: s.stripeEvents, impersonal: "Stripe's event log, keyed by Stripe ids; payloads are dropped by the retention rule" },

  // Activities and what is derived from them
  { table: s.activities, owner: { user: s.activities.userId }, export: { area: 'activities' }, erase: { user_id: 'cascade' } },
  {
    table: s.activityStreams,
    owner: { parent: s.activities, column: s.activityStreams.activityId },
    export: { area: 'activities' },
    erase: { activity_id: 'cascade' },
  },
  {
    table: s.activityMetrics,
    owner: { parent: s.activities, column: s.activityMetrics.activityId },
    export: { area: 'activities' },
    erase: { activity_id: 'cascade', user_id: { with: s.activityMetrics.activityId } },
  },
  {
    table: s.activityEfforts,
    owner: { parent: s.activities, column: s.activityEfforts.activityId },
    export: { area: 'activities' },
    erase: { activity_id: 'cascade', user_id: { with: s.activityEfforts.activityId } },
  },
  // Duration curves (ADR 063): per activity, exported with it; the monthly bests are rebuilt from them.
  {
    table: s.activityCurves,
    owner: { parent: s.activities, column: s.activityCurves.activityId },
    export: { area: 'activities' },
    erase: { activity_id: 'cascade', user_id: { with: s.activityCurves.activityId } },
  },
  {
    table: s.curveMonths,
    owner: { user: s.curveMonths.userId },
    export: { exempt: 'monthly best curves derived from the activity curves above, rebuilt on import' },
    erase: { user_id: 'cascade' },
  },
  {
    table: s.activityNotes,
    owner: { user: s.activityNotes.userId },
    export: { area: 'activities' },
    erase: { user_id: 'cascade', activity_id: 'cascade' },
  },
  // The athlete's whole day (issue 40): health data, exported in an area of its own and gone with the account.
  { table: s.wellnessReadings, owner: { user: s.wellnessReadings.userId }, export: { area: 'wellness' }, erase: { user_id: 'cascade' } },
  {
    table: s.wellnessEngineState,
    owner: { user: s.wellnessEngineState.userId },
    export: { exempt: "the N=1 engine's series and findings, derived from the wellness readings and activities above, rebuilt on read" },
    erase: { user_id: 'cascade' },
  },
  { table: s.activityUnlinks, owner: { user: s.activityUnlinks.userId }, export: { area: 'activities' }, erase: { user_id: 'cascade' } },
  // Deleted activities kept out of later syncs: the provider and its id only (ADR 068); exported, erased with the account.
  {
    table: s.activityTombstones,
    owner: { user: s.activityTombstones.userId },
    export: { area: 'activities' },
    erase: { user_id: 'cascade' },
  },
  // Undo records of list bulk edits: the rows' previous sport, tags and flags, useless after minutes (ADR 064).
  {
    table: s.activityBulkEdits,
    owner: { user: s.activityBulkEdits.userId },
    export: { exempt: 'undo records of bulk edits: the previous sport, tags and flags of activities exported above' },
    erase: { user_id: 'cascade' },
  },
  {
    table: s.athleteThresholds,
    owner: { user: s.athleteThresholds.userId },
    export: { area: 'analytics' },
    erase: { user_id: 'cascade', activity_id: 'set null' },
  },
  { table: s.athleteIntake, owner: { user: s.athleteIntake.userId }, export: { area: 'analytics' }, erase: { user_id: 'cascade' } },
  {
    table: s.trainingDays,
    owner: { user: s.trainingDays.userId },
    export: { exempt: 'daily totals derived from the activities above, rebuilt on import' },
    erase: { user_id: 'cascade' },
  },
  {
    table: s.analyticsRebuilds,
    owner: { user: s.analyticsRebuilds.userId },
    export: { exempt: OPERATIONAL },
    erase: { user_id: 'cascade' },
  },

  // Ingest
  {
    table: s.providerConnections,
    owner: { user: s.providerConnections.userId },
    export: { area: 'connections', omit: [s.providerConnections.accessTokenEnc, s.providerConnections.refreshTokenEnc] },
    erase: { user_id: 'cascade', external_athlete_id: { with: s.providerConnections.userId } },
  },
  ...TRAINING_TABLES,
  ...SOCIAL_TABLES,
  ...MAPS_TABLES,
  // AI coach
  {
    table: s.coachConversations,
    owner: { user: s.coachConversations.userId },
    export: { area: 'ai-coach' },
    erase: { user_id: 'cascade' },
  },
  {
    table: s.coachMessages,
    owner: { user: s.coachMessages.userId },
    export: { area: 'ai-coach' },
    erase: { user_id: 'cascade', conversation_id: 'cascade' },
  },
  {
    table: s.coachToolCalls,
    owner: { user: s.coachToolCalls.userId },
    export: { area: 'ai-coach' },
    erase: { user_id: 'cascade', message_id: 'cascade' },
  },
  {
    table: s.coachProposals,
    owner: { user: s.coachProposals.userId },
    export: { area: 'ai-coach' },
    erase: {
      user_id: 'cascade',
      plan_id: 'cascade',
      conversation_id: 'set null',
      message_id: 'set null',
      created_by: { notAPerson: "who proposed it: 'coach' (the AI coach) or 'athlete'" },
      confirmed_by: 'clear',
    },
  },
  // Costs stay countable as anonymous daily totals; the erasure folds them before the rows go (ADR 042).
  {
    table: s.coachLlmCalls,
    owner: { user: s.coachLlmCalls.userId },
    export: { area: 'ai-coach' },
    erase: { user_id: 'cascade', message_id: 'set null' },
  },

  // Notifications
  { table: s.notifications, owner: { user: s.notifications.userId }, export: { area: 'notifications' }, erase: { user_id: 'cascade' } },
  {
    table: s.notificationPreferences,
    owner: { user: s.notificationPreferences.userId },
    export: { area: 'notifications' },
    erase: { user_id: 'cascade' },
  },
  {
    table: s.notificationEvents,
    owner: { user: s.notificationEvents.userId },
    export: { area: 'notifications' },
    erase: { user_id: 'cascade' },
  },
  {
    table: s.notificationDeliveries,
    owner: { user: s.notificationDeliveries.userId },
    export: { area: 'notifications' },
    erase: { user_id: 'cascade' },
  },
  // A push endpoint is a capability URL and its keys encrypt to the device: the export names the device, not them.
  {
    table: s.pushSubscriptions,
    owner: { user: s.pushSubscriptions.userId },
    export: { area: 'notifications', omit: [s.pushSubscriptions.endpoint, s.pushSubscriptions.p256dh, s.pushSubscriptions.auth] },
    erase: { user_id: 'cascade' },
  },

  // A replay guard (ADR 080): the answers it keeps repeat workout rows exported under plans; swept after 14 days.
  {
    table: s.idempotencyKeys,
    owner: { user: s.idempotencyKeys.userId },
    export: { exempt: 'replay guards for requests sent again; the answers they keep repeat the rows exported above' },
    erase: { user_id: 'cascade' },
  },

  ...COACHING_TABLES,
  // Privacy requests: the record of a request outlives the account (the legal answer to it), without the person.
  {
    table: s.privacyRequests,
    owner: { user: s.privacyRequests.userId },
    export: { area: 'security' },
    erase: { user_id: 'set null', org_id: 'set null', requested_by: 'set null' },
  },
  { table: s.deletionReceipts, impersonal: 'counts per store under a keyed hash of a deleted account; names no one' },
  { table: s.erasedLlmCosts, impersonal: "deleted accounts' AI-coach costs as daily totals per provider and model; names no one" },
  { table: s.orphanSweeps, impersonal: 'counts of rows and objects left by people who no longer exist; names no one' },
];

export function isPersonal(entry: DataMapEntry): entry is PersonalTable {
  return 'owner' in entry;
}

export const PERSONAL_TABLES: readonly PersonalTable[] = DATA_MAP.filter(isPersonal);
