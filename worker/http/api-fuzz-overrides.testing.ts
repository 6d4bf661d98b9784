// The API fuzz test's per-operation exceptions: valid bodies and queries the generic example cannot build, the
// baselines never sent (and why), the plain routes' queries, and the operations that must run last.
import { env } from 'cloudflare:test';
import { parseEnv } from '../env';

export const FUZZ_GOAL = {
  kind: 'run_10k',
  eventDate: new Date(Date.now() + 70 * 86_400_000).toISOString().slice(0, 10),
  eventName: 'Fuzz 10K',
};
// Valid requests the generic example cannot build (cross-field rules), or must not send (global effects).
export const BODY_OVERRIDES: Record<string, Record<string, unknown>> = {
  // A dry run: the fuzz never purges audit history.
  'POST /api/v1/admin/audit/retention': { retentionDays: 365, dryRun: true },
  'POST /api/v1/analytics/thresholds': { kind: 'ftp', value: 250, effectiveFrom: '2025-01-01' },
  'POST /api/v1/membership/sync': { sessionId: 'cs_test_fuzz' },
  // A window needs a start and an end that differ (the generated example repeats one value).
  'PUT /api/v1/notifications/preferences': { emailMode: 'weekly', sendMinute: 480, dnd: [{ day: 1, start: 1320, end: 420 }] },
  // Distinct weekdays, the long day among them: a plan the rules can build.
  'POST /api/v1/plans/preview': { goal: FUZZ_GOAL, availableDays: [0, 2, 5, 6], longDay: 6, hoursPerWeek: 6, includeStrength: false },
  'POST /api/v1/plans': { goal: FUZZ_GOAL, availableDays: [0, 2, 5, 6], longDay: 6, hoursPerWeek: 6, includeStrength: false },
  // A step is timed, and the steps add up to the duration sent; a swap needs two different days.
  'PATCH /api/v1/plans/{planId}/workouts/{workoutId}': {
    title: 'Fuzz intervals',
    durationSec: 2400,
    steps: [{ kind: 'repeat', count: 10, steps: [{ kind: 'work', durationSec: 240, distanceM: null, target: null }] }],
  },
  // The coach's edit takes the athlete's edit body.
  'PATCH /api/v1/coach/clients/{id}/plan/workouts/{workoutId}': {
    title: 'Fuzz intervals',
    durationSec: 2400,
    steps: [{ kind: 'repeat', count: 10, steps: [{ kind: 'work', durationSec: 240, distanceM: null, target: null }] }],
  },
  'POST /api/v1/plans/{planId}/workouts': {
    date: '2026-12-01',
    sport: 'run',
    type: 'intervals',
    title: 'Fuzz intervals',
    durationSec: 2400,
    intensity: { metric: 'pace', zone: 4, low: 0.95, high: 1 },
    steps: [{ kind: 'work', durationSec: 2400, distanceM: null, target: { metric: 'pace', zone: 4, low: 0.95, high: 1 }, note: 'Fuzz' }],
  },
  'POST /api/v1/plans/{planId}/swap': { from: '2026-12-01', to: '2026-12-02' },
  // The long day among the available days; the event ahead; a return date only with a break.
  'PUT /api/v1/intake': {
    goal: FUZZ_GOAL,
    availableDays: [1, 3, 6],
    longDay: 6,
    hoursPerWeek: 5,
    injuries: 'Sore calf in spring',
    returningFromBreak: true,
    returnDate: '2025-01-06',
    runsPerWeek: 3,
    weeklyVolume: { unit: 'km', value: 25 },
    longestRun: { unit: 'min', value: 70 },
  },
  'PATCH /api/v1/coach/org': { name: 'Fuzz Coaching', quietHours: { start: '21:00', end: '07:00' }, reminderOffsetsMinutes: [120] },
  'POST /api/v1/coach/automations': {
    name: 'Fuzz',
    enabled: true,
    trigger: { kind: 'daily', time: '07:00' },
    action: { kind: 'task', title: 'Fuzz task', message: 'Note' },
    audience: { kind: 'coach' },
  },
  // Our subscription's id, so the event passes the subscription check and is stored.
  'POST /webhooks/strava': {
    object_type: 'activity',
    object_id: 1,
    aspect_type: 'update',
    updates: { title: 'Fuzz' },
    owner_id: 900_000_001,
    subscription_id: parseEnv(env).STRAVA_SUBSCRIPTION_ID ?? 1,
    event_time: 1_800_000_000,
  },
  'PATCH /api/v1/coach/automations/{id}': {
    name: 'Fuzz',
    enabled: true,
    trigger: { kind: 'daily', time: '07:00' },
    action: { kind: 'task', title: 'Fuzz task', message: 'Note' },
    audience: { kind: 'coach' },
  },
};
export const QUERY_OVERRIDES: Record<string, Record<string, string>> = {
  'GET /api/v1/coach/bookings': { from: new Date().toISOString(), to: new Date(Date.now() + 7 * 86_400_000).toISOString() },
  // A made-up cursor is refused (400): the search's first page is the valid request.
  'GET /api/v1/admin/users': { q: 'fuzz', role: 'athlete', limit: '5' },
  // Type or category, not both (the generated example names both); a made-up cursor is refused, so none.
  'GET /api/v1/notifications': { category: 'coach', unread: 'true', limit: '20' },
  'POST /api/v1/notifications/read-all': { category: 'coach' },
  // A range ends after it starts (the generated example gives both the same number).
  'GET /api/v1/activities/{id}/streams/range': { from: '0', to: '30' },
  'GET /api/v1/coach/clients/{id}/activities/{activityId}/streams/range': { from: '0', to: '30' },
};
/** Operations whose valid request is never sent (malformed input only), and why. */
export const NO_BASELINE: Record<string, string> = {
  'GET /mcp':
    'the stateless MCP endpoint has no stream to open: the SDK answers 405 (in the error shape), which the malformed probes check',
  'DELETE /mcp':
    'the stateless MCP endpoint has no session to end: the SDK answers 405 (in the error shape), which the malformed probes check',
  'GET /api/v1/coach/mcp': 'as GET /mcp: the coach’s stateless MCP endpoint answers 405, which the malformed probes check',
  'DELETE /api/v1/coach/mcp': 'as DELETE /mcp: the coach’s stateless MCP endpoint answers 405, which the malformed probes check',
  'PUT /api/v1/admin/ingestion/pause': 'it would pause all ingestion for every test running meanwhile',
  'GET /api/v1/connections/strava/callback':
    'it would connect Strava and pull a history from the run’s one Strava sandbox (strava.connect.integration.test.ts connects for real)',
  'GET /api/v1/connections/{provider}/callback':
    'a valid callback needs the Garmin sandbox’s consent round trip, whose pings the Garmin tests take from its outbox (file-doors.integration.test.ts connects for real)',
};
/** Query parameters of plain router routes, which the document cannot describe. */
export const PLAIN_ROUTE_QUERIES: Record<string, Record<string, string>> = {
  'GET /api/v1/coach/pnl.csv': { month: '2026-10', currency: 'usd' },
};
/** Operations that end or use up the state other probes rely on run after all the rest. */
export const FINISHING = /\/(complete|cancel|no-show|done|revoke|decline|accept|read|release|split|logout|logout-all)$/;
