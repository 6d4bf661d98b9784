// The data map's decisions for coaching orgs (data-map.ts lists every table; this part is the coach's business).
import * as s from '../../db/schema';
import { COACH_RECORD, type DataMapEntry } from './data-map.types';

export const COACHING_TABLES: readonly DataMapEntry[] = [
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
];
