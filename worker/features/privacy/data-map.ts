// The privacy data map: every table of the schema, and for each one that holds data about a person, whose rows
// they are, where an export puts them and what deletion does to every column that names someone. Export,
// deletion, the orphan sweep and the coverage test all read this one list, so a new table without a decision
// fails CI (data-map.test.ts) instead of leaking into, or out of, an archive or an erasure. ADR 041/042.
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import * as s from '../../db/schema';

/** Whose rows a table's rows are. */
export type Owner =
  /** The column holds the owning user's id. */
  | { readonly user: PgColumn }
  /** The column points at a row of `parent`, whose own owner decides (e.g. streams hang off their activity). */
  | { readonly parent: PgTable; readonly column: PgColumn }
  /** A coaching org's business record: it belongs to the org (and so to its owners), not to the client it is about. */
  | { readonly org: PgColumn };

/** What deletion does to one column that names a person (a user, client or org id, or an email). */
export type EraseRule =
  /** Its own foreign key is ON DELETE CASCADE: the row goes with the person (the test checks the key). */
  | 'cascade'
  /** Its own foreign key is ON DELETE SET NULL: the row is someone else's record and only loses the link (checked). */
  | 'set null'
  /** No foreign key: the erasure deletes the rows whose column names the person. */
  | 'delete'
  /** No foreign key: the erasure clears the column and keeps the row (someone else's record). */
  | 'clear'
  /** Replaced with a keyed hash of the id, so history stays countable and unlinkable (audit). */
  | 'pseudonymise'
  /** The row goes with its parent through another column of the table, whose key cascades (checked). */
  | { readonly with: PgColumn }
  /** Kept, for the reason given (shown on the retention page and in the receipt). */
  | { readonly keep: string }
  /** The column's name looks like a person reference but holds something else. */
  | { readonly notAPerson: string };

export type ExportRule =
  /** One JSON file per area; `omit` lists columns never written out (secrets and hashes). */
  { readonly area: ExportArea; readonly omit?: readonly PgColumn[] } | { readonly exempt: string };

export type ExportArea =
  | 'account'
  | 'activities'
  | 'analytics'
  | 'plans'
  | 'ai-coach'
  | 'coaching'
  | 'connections'
  | 'notifications'
  | 'billing'
  | 'imports'
  | 'security';

export interface PersonalTable {
  readonly table: PgTable;
  readonly owner: Owner;
  readonly export: ExportRule;
  /** Every column that names a person, by its SQL name. */
  readonly erase: Readonly<Record<string, EraseRule>>;
}

/** A table with no data about any person, and why. */
export interface ImpersonalTable {
  readonly table: PgTable;
  readonly impersonal: string;
}

export type DataMapEntry = PersonalTable | ImpersonalTable;

const COACH_RECORD = "the coach's own business record of their client; the coach decides, and it goes with the org";
const OWN_SECRET = 'a secret, never written to an archive';
const OPERATIONAL = 'operational state rebuilt from the rows above; nothing a person entered or recorded';

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
  { table: s.activityUnlinks, owner: { user: s.activityUnlinks.userId }, export: { area: 'activities' }, erase: { user_id: 'cascade' } },
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
  // Planned workouts sent to Garmin (ADR 057): which of the athlete's workouts sit at Garmin under which ids.
  {
    table: s.garminWorkoutSends,
    owner: { user: s.garminWorkoutSends.userId },
    export: { area: 'connections' },
    erase: { user_id: 'cascade' },
  },
  {
    table: s.providerDisconnects,
    owner: { user: s.providerDisconnects.userId },
    export: { area: 'connections' },
    erase: { user_id: 'cascade' },
  },
  { table: s.ingestionState, owner: { user: s.ingestionState.userId }, export: { exempt: OPERATIONAL }, erase: { user_id: 'cascade' } },
  { table: s.ingestJobs, owner: { user: s.ingestJobs.userId }, export: { exempt: OPERATIONAL }, erase: { user_id: 'cascade' } },
  { table: s.importJobs, owner: { user: s.importJobs.userId }, export: { area: 'imports' }, erase: { user_id: 'cascade' } },
  { table: s.webhookEvents, impersonal: "providers' notifications, keyed by their ids; payloads are dropped by the retention rule" },
  { table: s.oauthStates, impersonal: 'spent OAuth nonces only' },
  {
    table: s.systemFlags,
    owner: { user: s.systemFlags.updatedBy },
    export: { exempt: 'platform switches; only the operator who last set one is named' },
    erase: { updated_by: 'clear' },
  },

  // Plans
  {
    table: s.plans,
    owner: { user: s.plans.userId },
    export: { area: 'plans' },
    erase: { user_id: 'cascade', replaced_by: { notAPerson: 'the plan that replaced this one' } },
  },
  {
    table: s.plannedWorkouts,
    owner: { user: s.plannedWorkouts.userId },
    export: { area: 'plans' },
    erase: { user_id: 'cascade', plan_id: 'cascade', linked_activity_id: 'set null' },
  },
  {
    table: s.planChanges,
    owner: { user: s.planChanges.userId },
    export: { area: 'plans' },
    erase: { user_id: 'cascade', plan_id: 'cascade', actor_id: 'set null' },
  },
  // Workout libraries (ADR 058): an athlete's own workouts, an org's library and templates (the coach's record).
  {
    table: s.libraryWorkouts,
    owner: { user: s.libraryWorkouts.userId },
    export: { area: 'plans' },
    erase: { user_id: 'cascade', org_id: 'cascade', created_by: 'set null' },
  },
  {
    table: s.planTemplates,
    owner: { org: s.planTemplates.orgId },
    export: { area: 'coaching' },
    erase: { org_id: 'cascade', created_by: 'set null' },
  },
  {
    table: s.templateApplications,
    owner: { parent: s.clients, column: s.templateApplications.clientId },
    export: { area: 'coaching' },
    erase: {
      client_id: 'cascade',
      template_id: { with: s.templateApplications.clientId },
      plan_id: 'set null',
      change_id: { notAPerson: 'a plan change id' },
    },
  },

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

  // Coaching orgs: the coach's business. An athlete's account owns none of it; the link to them is cut.
  // An org outlives the coach who created it while it has other owners; its own deletion is an org deletion.
  { table: s.orgs, owner: { org: s.orgs.id }, export: { area: 'coaching' }, erase: { created_by: 'set null' } },
  {
    table: s.orgMembers,
    owner: { user: s.orgMembers.userId },
    export: { area: 'coaching' },
    erase: { user_id: 'cascade', org_id: 'cascade' },
  },
  {
    table: s.orgInvites,
    owner: { org: s.orgInvites.orgId },
    export: { area: 'coaching' },
    erase: { org_id: 'cascade', email: { keep: COACH_RECORD }, invited_by: 'set null', accepted_by: 'set null' },
  },
  {
    table: s.clients,
    owner: { org: s.clients.orgId },
    export: { area: 'coaching' },
    erase: { org_id: 'cascade', email: { keep: COACH_RECORD }, athlete_user_id: 'set null' },
  },
  {
    table: s.athleteLinks,
    owner: { user: s.athleteLinks.athleteUserId },
    export: { area: 'coaching' },
    erase: {
      org_id: 'cascade',
      client_id: 'cascade',
      athlete_user_id: 'cascade',
      email: { with: s.athleteLinks.athleteUserId },
      requested_by: 'set null',
    },
  },
  {
    // A conversation on the athlete's training with their coaching org (ADR 056): the athlete's record of it,
    // both sides' words, in their archive. It goes with the athlete, the org, the subject, or its author.
    table: s.trainingComments,
    owner: { user: s.trainingComments.athleteUserId },
    export: { area: 'coaching' },
    erase: { athlete_user_id: 'cascade', org_id: 'cascade', author_user_id: 'cascade' },
  },
  {
    table: s.trainingCommentReads,
    owner: { user: s.trainingCommentReads.userId },
    export: { area: 'coaching' },
    erase: { user_id: 'cascade', org_id: 'cascade' },
  },
  { table: s.packageTypes, owner: { org: s.packageTypes.orgId }, export: { area: 'coaching' }, erase: { org_id: 'cascade' } },
  {
    table: s.clientPackages,
    owner: { org: s.clientPackages.orgId },
    export: { area: 'coaching' },
    erase: { org_id: 'cascade', client_id: 'cascade' },
  },
  {
    table: s.sessionLedger,
    owner: { org: s.sessionLedger.orgId },
    export: { area: 'coaching' },
    erase: { org_id: 'cascade', client_id: 'cascade', client_package_id: 'cascade', actor_id: 'set null' },
  },
  {
    table: s.moneyEvents,
    owner: { org: s.moneyEvents.orgId },
    export: { area: 'coaching' },
    erase: { org_id: 'cascade', client_id: 'set null', created_by: 'set null' },
  },
  {
    table: s.bookings,
    owner: { org: s.bookings.orgId },
    export: { area: 'coaching' },
    erase: { org_id: 'cascade', client_id: 'cascade', coach_id: 'cascade' },
  },
  {
    table: s.smsMessages,
    owner: { org: s.smsMessages.orgId },
    export: { area: 'coaching' },
    erase: { org_id: 'cascade', client_id: 'cascade' },
  },
  {
    table: s.smsTemplates,
    owner: { org: s.smsTemplates.orgId },
    export: { area: 'coaching' },
    erase: { org_id: 'cascade', updated_by: 'set null' },
  },
  {
    table: s.automations,
    owner: { org: s.automations.orgId },
    export: { area: 'coaching' },
    erase: { org_id: 'cascade', created_by: 'set null' },
  },
  {
    table: s.automationRuns,
    owner: { org: s.automationRuns.orgId },
    export: { area: 'coaching' },
    erase: { org_id: 'cascade', client_id: 'cascade' },
  },
  {
    table: s.coachTasks,
    owner: { org: s.coachTasks.orgId },
    export: { area: 'coaching' },
    erase: { org_id: 'cascade', client_id: 'cascade', assignee_id: 'set null' },
  },
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
