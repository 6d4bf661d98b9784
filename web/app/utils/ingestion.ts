// What Home and Data sources show about an athlete's imports. Shaped on the server (ingestion.server.ts);
// plain data here so components never touch worker code.

export type ImportStatus = 'queued' | 'running' | 'deferred' | 'paused' | 'done' | 'error';

export interface ImportView {
  source: string;
  /** "Strava" or "File": names the import ("Strava import"). */
  sourceLabel: string;
  status: ImportStatus;
  done: number;
  /** About how many there are in all; null until the first page of the history was listed. */
  total: number | null;
  /** "14:05", or "14:05 on 3 Mar" when not today, in the athlete's time zone. */
  resumesAt: string | null;
  lastError: string | null;
  /** Activities the athlete deleted that this import was handed again and left out (ADR 068). */
  skippedDeleted: number;
}

/** "1 activity you deleted was not re-imported", or null when there was none. */
export const skippedDeletedWords = (n: number) =>
  n === 0 ? null : n === 1 ? '1 activity you deleted was not re-imported.' : `${n} activities you deleted were not re-imported.`;

/** A live door for the athlete's own device files (Garmin Connect, …), as Data sources lists them from one registry. */
export interface DoorView {
  provider: string;
  /** The provider's app, in full ("Garmin Connect"), and as the card's title first names it ("Garmin Connect™"). */
  label: string;
  title: string;
  /** What history connecting brings. */
  onConnect: string;
  /** How its activities are attributed ("Garmin"). */
  attribution: string;
  connected: boolean;
  connectedAt: string | null;
  reconnectNeeded: boolean;
  /** False when the athlete unticked activity sharing at the provider. */
  sharesActivities: boolean | null;
  /** What its policy row lets its activities feed, and whether they stay after a disconnect. */
  uses: { aiCoach: boolean; shownToOthers: boolean };
  keepsActivitiesOnDisconnect: boolean;
  /** Its import (the backfill on connect, files as they are announced). */
  import: ImportView | null;
  /** Connected and nothing has arrived yet: what for (the history asked for on connect, or the next sync). */
  waiting: 'history' | 'first_sync' | null;
  /** The days of history asked for on connect. */
  backfillDays: number;
  authorizeUrl: string;
}

export interface IngestionView {
  /** The emergency brake is on for everyone. */
  paused: boolean;
  strava: { connected: boolean; athleteId: string | null };
  /** The strict Strava data policy is in force (ADR 036): the Strava lines say what it adds. Absent: the default. */
  stravaStrict?: boolean;
  /** The live doors this deploy offers. */
  doors: DoorView[];
  /** Activities the athlete can see (one per effort, whatever the number of sources). */
  activityCount: number;
  /** The import to talk about: an active one first, then a failed, paused or finished one. */
  current: ImportView | null;
  /** Strava's own import, for Data sources. */
  stravaImport: ImportView | null;
}

export const STRAVA_AUTHORIZE_URL = '/api/v1/connections/strava/authorize';

export const doorAuthorizeUrl = (provider: string) => `/api/v1/connections/${provider}/authorize`;

export const isActive = (status: ImportStatus | undefined) => status === 'queued' || status === 'running' || status === 'deferred';

/** Fewer than this and the fitness numbers are rough; said once the import is done. */
export const THIN_HISTORY = 10;

/**
 * Connected, nothing arrived yet: the import's state would say "Up to date" (Garmin answers the history request at
 * once and sends the files later), so Data sources and Home say what the door is waiting for instead.
 */
export function doorWaitingWords(door: DoorView): { label: string; text: string } | null {
  if (door.waiting === 'history')
    return {
      label: `Waiting for ${door.attribution}`,
      text: `Asked ${door.attribution} for your last ${door.backfillDays} days — waiting for ${door.attribution} to send them. They arrive on their own; this can take a while.`,
    };
  if (door.waiting === 'first_sync')
    return {
      label: 'Waiting for your next sync',
      text: `Nothing has arrived yet. Your sessions arrive after your device’s next sync with ${door.label}.`,
    };
  return null;
}
