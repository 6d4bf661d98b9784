// The data map's decisions for planned training: plans, workouts sent to Garmin, workout libraries and templates
// (data-map.ts lists every table).
import * as s from '../../db/schema';
import { type DataMapEntry, OPERATIONAL } from './data-map.types';

export const TRAINING_TABLES: readonly DataMapEntry[] = [
  // Races the athlete plans (issue 56, ADR 096), exported with their plans; gone with the account.
  { table: s.races, owner: { user: s.races.userId }, export: { area: 'plans' }, erase: { user_id: 'cascade' } },
  // Each prediction made for a race, as the athlete saw it: exported with the plans, gone with its race or plan.
  {
    table: s.racePredictions,
    owner: { user: s.racePredictions.userId },
    export: { area: 'plans' },
    erase: { user_id: 'cascade' },
  },
  // The athlete's sweat tests and gut-training log (issue 56, the race's fuelling): their own measurements and notes,
  // exported with the plans; gone with the account (a test's activity link is cleared when the activity goes).
  { table: s.sweatTests, owner: { user: s.sweatTests.userId }, export: { area: 'plans' }, erase: { user_id: 'cascade' } },
  {
    table: s.gutTrainingSessions,
    owner: { user: s.gutTrainingSessions.userId },
    export: { area: 'plans' },
    erase: { user_id: 'cascade' },
  },
  // A race's course from the athlete's GPX (points with lat/lon): exported with the plans, gone with its race or plan.
  { table: s.raceCourses, owner: { user: s.raceCourses.userId }, export: { area: 'plans' }, erase: { user_id: 'cascade' } },
  // The athlete's courses (issue 57, ADR 101): their GPX imports and activity routes with the last send to Garmin;
  // exported with the activities, gone with the account (and one made from an activity, with that activity).
  { table: s.courses, owner: { user: s.courses.userId }, export: { area: 'activities' }, erase: { user_id: 'cascade' } },
  // The athlete's marked race results and the fuel they logged (issue 56): theirs, exported with the plans.
  { table: s.raceResults, owner: { user: s.raceResults.userId }, export: { area: 'plans' }, erase: { user_id: 'cascade' } },
  // Planned workouts sent to Garmin (ADR 057): which of the athlete's workouts sit at Garmin under which ids.
  {
    table: s.garminWorkoutSends,
    owner: { user: s.garminWorkoutSends.userId },
    export: { area: 'connections' },
    erase: { user_id: 'cascade' },
  },
  // Wellness from a live door (ADR 072): the athlete's consent and the last poll; the readings are wellness_readings.
  { table: s.doorWellness, owner: { user: s.doorWellness.userId }, export: { area: 'connections' }, erase: { user_id: 'cascade' } },
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
  // Adaptive plans (issue 58): the changes a plan proposed, the athlete's illness and injury notes, where the pass read them.
  {
    table: s.planAdaptations,
    owner: { user: s.planAdaptations.userId },
    export: { area: 'plans' },
    erase: { user_id: 'cascade', plan_id: 'cascade', change_id: 'set null', decided_by: 'set null' },
  },
  {
    table: s.planHealthNotes,
    owner: { user: s.planHealthNotes.userId },
    export: { area: 'plans' },
    erase: { user_id: 'cascade' },
  },
  {
    table: s.planAdaptStates,
    owner: { user: s.planAdaptStates.userId },
    export: { exempt: 'where the adaptive pass last read the athlete (a day, a version, thresholds already exported with analytics)' },
    erase: { user_id: 'cascade' },
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
];
