// What athletes do during the soak, weighted roughly as a day of real use: mostly pages and analytics reads,
// some plan edits with undo, uploads, AI-coach conversations (a resend of the same message now and then, and
// change requests that end in a proposal), exports. Everything accepted is written down in `Ledger` so the
// reconciliation can account for it at the end.
import type { Stack } from '../../scripts/lib/stack.ts';
import { askTurn } from '../coach-turns.ts';
import { type Athlete, jsonHeaders } from './actors.ts';
import type { Tally } from './tally.ts';
import type { Recorder } from './recorder.ts';

const PAGES = ['/home', '/training', '/activities', '/analysis', '/wellness', '/notifications', '/feed', '/settings/data'];
const READS = [
  '/api/v1/analytics/fitness',
  '/api/v1/analytics/curves',
  '/api/v1/social/feed',
  '/api/v1/analytics/weekly-volume',
  '/api/v1/analytics/personal-bests',
  '/api/v1/analytics/insights',
  '/api/v1/activities?limit=20',
  '/api/v1/plans/active',
  '/api/v1/notifications',
  '/api/v1/me',
];
const QUESTIONS = ['How is my fitness?', 'What was my longest run?', 'What is my weekly volume?', 'Show my plan for this week'];

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** A GPX run of 20 minutes at one point every 5 s, starting `hoursAgo` back (never overlapping another upload). */
export function gpxRun(hoursAgo: number, seed: number): string {
  const start = Date.now() - hoursAgo * 3_600_000;
  const pts: string[] = [];
  for (let i = 0; i <= 240; i++) {
    const a = (i / 240) * 2 * Math.PI;
    const lat = 46.2 + 0.01 * Math.sin(a) + seed * 1e-5;
    const lon = 6.14 + 0.015 * Math.cos(a);
    pts.push(
      `<trkpt lat="${lat.toFixed(6)}" lon="${lon.toFixed(6)}"><ele>${(400 + 5 * Math.sin(a * 3)).toFixed(1)}</ele><time>${new Date(start + i * 5_000).toISOString()}</time></trkpt>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?><gpx version="1.1" creator="Cadence soak" xmlns="http://www.topografix.com/GPX/1/1"><trk><name>Soak run ${seed}</name><type>running</type><trkseg>${pts.join('')}</trkseg></trk></gpx>`;
}

/**
 * A failed turn as the recorder counts it: a stream that ended with the database's UNAVAILABLE error is the 503 a
 * stream can no longer send once it has begun (promised during the database fault, an error anywhere else).
 */
// fetch fails with a TypeError when the connection is refused or cut (undici's "fetch failed", "terminated"): a
// network failure, as `Recorder.call` counts one (during the restart fault, the outage it promises).
const streamStatus = (t: { status: number; errors: string[] }): number | string =>
  t.errors.includes('error event UNAVAILABLE') ? 503 : t.errors.includes('TypeError') ? 'network' : t.status || t.errors[0] || 'no done';

export function athleteActions(stack: Stack, rec: Recorder, tally: Tally) {
  const base = stack.workerUrl;
  const get = (a: Athlete, path: string, cls: 'page' | 'api-read') => rec.call(cls, `${base}${path}`, { headers: { cookie: a.cookie } });

  async function planEditAndUndo(a: Athlete) {
    // The plan allows 10 moves an hour per athlete (ACTION_LIMITS): a real athlete makes a few a day, so the soak
    // stays under the limit instead of measuring its 429s.
    const hour = Math.floor(Date.now() / 3_600_000);
    if (a.movesHour !== hour) {
      a.movesHour = hour;
      a.moves = 0;
    }
    if (!a.planId) return;
    // The plan is looked at far more often than it is edited: every look is read, a move follows only under the cap.
    const cal = await rec.call('api-read', `${base}/api/v1/plans/${a.planId}/calendar?from=${day(1)}&to=${day(14)}`, {
      headers: { cookie: a.cookie },
    });
    if (a.moves >= 8) return;
    a.moves++;
    const workouts =
      cal.status === 200 ? (JSON.parse(cal.text) as { workouts: { id: string; date: string; status?: string }[] }).workouts : [];
    const w = workouts.find((x) => !x.status || x.status === 'planned') ?? workouts[0];
    if (!w) return;
    const target = new Date(Date.parse(`${w.date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const moved = await rec.call('api-write', `${base}/api/v1/plans/${a.planId}/workouts/${w.id}/move`, {
      method: 'POST',
      headers: jsonHeaders(stack, a.cookie),
      body: JSON.stringify({ date: target, reason: 'soak' }),
      okStatuses: [409, 422],
    });
    if (moved.status !== 200) return;
    const change = JSON.parse(moved.text) as { id: string };
    await rec.call('api-write', `${base}/api/v1/plans/${a.planId}/changes/${change.id}/undo`, {
      method: 'POST',
      headers: jsonHeaders(stack, a.cookie),
      okStatuses: [409],
    });
    tally.planEdits++;
  }

  /** The activity page's streams, of the athlete's latest activity. */
  async function streams(a: Athlete) {
    const list = await get(a, '/api/v1/activities?limit=1', 'api-read');
    const id = list.status === 200 ? (JSON.parse(list.text) as { activities: { id: string }[] }).activities[0]?.id : undefined;
    if (id) await get(a, `/api/v1/activities/${id}/streams`, 'api-read');
  }

  async function upload(a: Athlete) {
    a.uploads++;
    const res = await rec.call('upload', `${base}/api/v1/imports?filename=soak-${a.uploads}.gpx`, {
      method: 'POST',
      headers: { cookie: a.cookie, origin: stack.appUrl, 'content-type': 'application/octet-stream' },
      body: gpxRun(3 * a.uploads + 1, a.uploads),
    });
    if (res.status === 202) tally.imports.push({ cookie: a.cookie, id: (JSON.parse(res.text) as { id: string }).id });
  }

  /** A question or a change request; now and then the same message sent again (a resend after a dropped line). */
  async function coachTurn(a: Athlete) {
    const change = Math.random() < 0.25;
    const text = change ? 'I am tired, make my next workout easier' : pick(QUESTIONS);
    const id = crypto.randomUUID();
    const who = { userId: a.userId, cookie: a.cookie, conversationId: a.conversationId };
    const started = Date.now();
    const turn = await askTurn(base, stack.appUrl, who, text, 60_000, id);
    const ok = turn.errors.length === 0 && turn.doneAt !== null;
    rec.note('coach-stream', started, ok ? 200 : streamStatus(turn), ok, `/api/v1/ai-coach/conversations/${a.conversationId}/messages`);
    if (!ok) return;
    tally.coachTurns.set(a.conversationId, (tally.coachTurns.get(a.conversationId) ?? 0) + 1);
    if (Math.random() < 0.2) {
      const again = Date.now();
      const resend = await askTurn(base, stack.appUrl, who, text, 60_000, id);
      const fine = resend.errors.length === 0;
      rec.note(
        'coach-stream',
        again,
        fine ? 200 : streamStatus(resend),
        fine,
        `/api/v1/ai-coach/conversations/${a.conversationId}/messages`,
      );
      tally.coachResends++;
    }
    if (change) await confirmProposal(a);
  }

  /** The athlete confirms the change the coach proposed (the plan changes only now). */
  async function confirmProposal(a: Athlete) {
    const conv = await rec.call('api-read', `${base}/api/v1/ai-coach/conversations/${a.conversationId}`, { headers: { cookie: a.cookie } });
    if (conv.status !== 200) return;
    const messages = (JSON.parse(conv.text) as { messages: { proposal: { id?: string; status?: string } | null }[] }).messages;
    const proposal = [...messages].reverse().find((m) => m.proposal?.id && m.proposal.status === 'proposed')?.proposal;
    if (!proposal?.id) return;
    const res = await rec.call('api-write', `${base}/api/v1/ai-coach/proposals/${proposal.id}/confirm`, {
      method: 'POST',
      headers: jsonHeaders(stack, a.cookie),
      // 409: the plan moved on since (another edit of the soak's); the proposal says so and changes nothing.
      okStatuses: [409],
    });
    if (res.status === 200) tally.proposalsConfirmed++;
  }

  async function exportData(a: Athlete) {
    const res = await rec.call('export', `${base}/api/v1/privacy/exports`, {
      method: 'POST',
      headers: jsonHeaders(stack, a.cookie),
      okStatuses: [409, 429],
    });
    if (res.status === 201 || res.status === 202)
      tally.exports.push({ cookie: a.cookie, id: (JSON.parse(res.text) as { id?: string; export?: { id: string } }).id ?? '' });
  }

  const weighted: [number, (a: Athlete) => Promise<unknown>][] = [
    [30, (a) => get(a, pick(PAGES), 'page')],
    [30, (a) => get(a, pick(READS), 'api-read')],
    [6, (a) => get(a, `/api/v1/calendar?from=${day(-28)}&to=${day(7)}`, 'api-read')],
    [6, streams],
    [6, planEditAndUndo],
    [3, upload],
    [3, coachTurn],
  ];
  const total = weighted.reduce((s, [w]) => s + w, 0);
  return {
    /** One action, chosen by weight. */
    async step(a: Athlete) {
      let r = Math.random() * total;
      for (const [w, fn] of weighted) {
        r -= w;
        if (r < 0) return fn(a);
      }
    },
    exportData,
    upload,
  };
}
