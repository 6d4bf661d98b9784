import { redirect, type AppLoadContext } from '@remix-run/cloudflare';
import type { Viewer } from '../../../worker/context';
import { sourceLine, type ActivityRow, type SourceLine } from '../../../worker/features/activities';
import { actorOf } from '../../../worker/http/guards';
import { activityZone, formatDistance, formatDuration } from './format';
import { isUuid } from '../../../worker/lib/ids';
import { isAppError } from './forms.server';
import { SOURCE_LABELS as LABELS } from './attribution';

/** Each source as pages name it (`attributionText` adds Garmin's device model where it is known). */
export const SOURCE_LABELS: Record<ActivityRow['source'], string> = LABELS;

/** One of the other recordings of an activity's effort, as its page lists them. */
export interface LinkedCopyView {
  id: string;
  source: string;
  name: string;
  /** "18 Nov 2026, 07:00:53": seconds shown, since copies often start within the same minute. */
  startedAt: string;
  distance: string | null;
  duration: string;
  /** The copy shown and counted for the effort. */
  counted: boolean;
}

export interface ActivityProvenance {
  /** What was cleaned or left out on the way in (the importer's own sentences). */
  notes: { code: string; text: string }[];
  sportInferred: boolean;
  copies: LinkedCopyView[];
  /** Whether this copy is the one counted (false: another copy in `copies` is). */
  counted: boolean;
  /** The page was asked to confirm a split (`?split=confirm`), or just did one (`?split=done`). */
  split: 'confirm' | 'done' | null;
  /** Where it came from and what the data policy lets it feed (null when the activity is not found). */
  sourceLine: SourceLine | null;
  /** What the athlete said about it where the source carried it (a Strava archive), and whether it replaced a Strava copy. */
  about: { description: string | null; gear: string | null; commute: boolean; replacedStravaCopy: boolean; source: string };
}

const startedWithSeconds = (d: Date, timeZone: string) => {
  try {
    return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone }).format(d);
  } catch {
    return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' }).format(d);
  }
};

/**
 * Where an activity's numbers came from: its data-quality notes and the other recordings of the same
 * effort. Owner-scoped like the rest of the page (another athlete's id finds nothing).
 */
export async function loadActivityProvenance(context: AppLoadContext, viewer: Viewer, id: string, url: URL): Promise<ActivityProvenance> {
  const s = context.services.activities;
  const { units, timeZone } = viewer.user;
  const [row, copies, policy] = await Promise.all([s.get(viewer.user.id, id), s.linkedCopies(viewer.user.id, id), s.policy()]);
  const notes = (row?.dataQuality ?? []).map((n) => ({ code: n.code, text: n.message }));
  // The flag alone is enough to say it, even from an importer that wrote no sentence for it.
  if (row?.sportInferred && !notes.some((n) => n.code === 'sport_inferred'))
    notes.push({ code: 'sport_inferred', text: 'Sport inferred from speed: the file did not name one.' });
  const asked = url.searchParams.get('split');
  return {
    notes,
    sportInferred: row?.sportInferred ?? false,
    copies: copies.map((c) => ({
      id: c.id,
      source: SOURCE_LABELS[c.source] ?? c.source,
      name: c.name,
      // In the page's one zone (the activity's own where known), as its header and start line.
      startedAt: startedWithSeconds(c.startTime, activityZone(row?.timezone, timeZone)),
      distance: formatDistance(c.distanceM, units),
      duration: formatDuration(c.elapsedTimeS),
      counted: c.canonical,
    })),
    counted: row?.duplicateOf === null,
    split: asked === 'confirm' && copies.length > 0 ? 'confirm' : asked === 'done' ? 'done' : null,
    sourceLine: row ? sourceLine(policy, row, SOURCE_LABELS[row.source] ?? row.source) : null,
    about: {
      description: row?.extras.description ?? null,
      gear: row?.extras.gear ?? null,
      commute: row?.extras.commute ?? false,
      replacedStravaCopy: row?.extras.upgradedFrom !== undefined,
      source: row ? (SOURCE_LABELS[row.source] ?? row.source) : '',
    },
  };
}

/** "These are different activities": separates this one from its copies, then back to its page with a notice. */
export async function splitActivity(context: AppLoadContext, viewer: Viewer, id: string): Promise<never> {
  if (!isUuid(id)) throw new Response('Not found', { status: 404 });
  try {
    await context.services.activities.split(actorOf(viewer), id);
  } catch (err) {
    if (isAppError(err) && err.code === 'NOT_FOUND') throw new Response('Not found', { status: 404 });
    throw err;
  }
  throw redirect(`/activities/${id}?split=done`);
}
