// What a connected door is waiting for when nothing has arrived yet. Garmin answers a backfill request at once
// and delivers the files later by notification (minutes to hours); Polar lists only what is synced after
// connecting. "Up to date" in that gap would tell the athlete their history is all here when none of it is.

/** How long after connecting the provider's answer to the history request is still expected. */
export const HISTORY_WAIT_MS = 24 * 3_600_000;

export type DoorWaiting =
  /** The history was asked for and the provider will send it by notification: nothing has come yet. */
  | 'history'
  /** Nothing came of the history (none listed, or none sent within a day): the first file comes with the next sync. */
  | 'first_sync';

interface DoorState {
  status: string;
  doneCount: number;
  /** Files the provider listed or announced; null while a notification-answered backfill has announced none. */
  totalEstimate: number | null;
}

/** Null once a file has arrived, or while something is running, deferred, paused or failed (the state says so itself). */
export function doorWaiting(state: DoorState | undefined, connectedAt: Date | null, now: Date): DoorWaiting | null {
  if (!state || !connectedAt || state.status !== 'done' || state.doneCount > 0) return null;
  if (state.totalEstimate === null && now.getTime() - connectedAt.getTime() < HISTORY_WAIT_MS) return 'history';
  return 'first_sync';
}
