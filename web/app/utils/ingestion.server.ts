import type { AppLoadContext } from '@remix-run/cloudflare';
import type { Viewer } from '../../../worker/context';
import { formatClock, formatDate } from './format';
import { doorAuthorizeUrl, type ImportStatus, type ImportView, type IngestionView } from './ingestion';

type RawStatus = Awaited<ReturnType<AppLoadContext['services']['ingestionStatus']>>;
type RawState = RawStatus['states'][number];

const SOURCE_LABELS: Record<string, string> = { strava: 'Strava' };
type Labels = Record<string, string>;
// Which import Home talks about when there are several: work in progress first, then what needs attention.
const RANK: Record<ImportStatus, number> = { running: 0, deferred: 1, queued: 2, error: 3, paused: 4, done: 5 };

function toView(s: RawState, timeZone: string, now: Date, labels: Labels): ImportView {
  return {
    source: s.source,
    sourceLabel: labels[s.source] ?? 'File',
    status: s.status,
    done: s.doneCount,
    total: s.totalEstimate,
    resumesAt: s.status === 'deferred' && s.resumeAt ? formatClock(s.resumeAt, timeZone, now) : null,
    lastError: s.status === 'error' ? (s.lastError?.slice(0, 300) ?? 'The import stopped with an error.') : null,
    skippedDeleted: s.skippedDeleted,
  };
}

/** Everything Home and Data sources show about the viewer's data, formatted in their time zone. */
export async function loadIngestion(context: AppLoadContext, viewer: Viewer): Promise<IngestionView> {
  const { services } = context;
  const [raw, policy] = await Promise.all([services.ingestionStatus(viewer.user.id), services.activities.policy()]);
  const now = services.clock.now();
  const { connected } = raw.connections.strava;
  // The live doors name their own imports ("Garmin Connect"); anything else is a file upload.
  const labels: Labels = { ...SOURCE_LABELS, ...Object.fromEntries(raw.doors.map((d) => [d.provider, d.label])) };
  // A door's wellness polls (`polar_wellness`) are not imports of activities: Data sources says them on their own card.
  const states = raw.states
    .filter((s) => (connected || s.source !== 'strava') && !s.source.endsWith('_wellness'))
    .map((s) => toView(s, viewer.user.timeZone, now, labels));
  // The callback writes the state row before it redirects; a connection without one has nothing running yet.
  if (connected && !states.some((s) => s.source === 'strava')) {
    states.push({
      source: 'strava',
      sourceLabel: 'Strava',
      status: raw.paused ? 'paused' : 'queued',
      done: 0,
      total: null,
      resumesAt: null,
      lastError: null,
      skippedDeleted: 0,
    });
  }
  states.sort((a, b) => RANK[a.status] - RANK[b.status]);
  return {
    paused: raw.paused,
    strava: raw.connections.strava,
    ...(policy.mode === 'strict' ? { stravaStrict: true } : {}),
    doors: raw.doors.map((d) => ({
      provider: d.provider,
      label: d.label,
      title: d.title,
      onConnect: d.onConnect,
      attribution: d.attribution,
      connected: d.connected,
      connectedAt: d.connectedAt ? formatDate(d.connectedAt, viewer.user.timeZone) : null,
      reconnectNeeded: d.reconnectNeeded,
      sharesActivities: d.sharesActivities,
      uses: d.uses,
      keepsActivitiesOnDisconnect: d.keepsActivitiesOnDisconnect,
      import: d.connected ? (states.find((s) => s.source === d.provider) ?? null) : null,
      waiting: d.waiting,
      backfillDays: d.backfillDays,
      authorizeUrl: doorAuthorizeUrl(d.provider),
    })),
    activityCount: raw.activityCount,
    current: states[0] ?? null,
    stravaImport: states.find((s) => s.source === 'strava') ?? null,
  };
}

/**
 * The activities only Strava brought: what disconnecting removes from the athlete's list. Strava is the
 * one source the data-use policy keeps out of the AI coach, so the difference of the two counts is its
 * share (a file's copy of the same effort is counted once, under the file). Null if the policy changes
 * so that this no longer holds; the page then says so without a number.
 */
export async function countStravaOnly(context: AppLoadContext, userId: string): Promise<number | null> {
  const { activities } = context.services;
  const policy = await activities.policy();
  const coach = new Set(policy.sourcesFor('ai'));
  const onlyShown = policy.sourcesFor('owner').filter((s) => !coach.has(s));
  if (onlyShown.length !== 1 || onlyShown[0] !== 'strava') return null;
  const [all, usableByCoach] = await Promise.all([activities.count(userId, 'owner'), activities.count(userId, 'ai')]);
  return Math.max(0, all - usableByCoach);
}
