// Who reads the activity page: the athlete (their own settings and calendar, the athlete API) or a coach reading a
// linked client's activity (ADR 061), who may change nothing and whose links stay in the coach's console.
import { Link } from '@remix-run/react';
import { createContext, type ReactNode, useContext } from 'react';

export interface ActivityReader {
  /** 'coach': read-only, and "you" becomes the athlete. */
  kind: 'athlete' | 'coach';
  /** Where a planned workout opens (the athlete's calendar drawer, or the coach's page for it). */
  workoutHref: (w: { id: string; date: string }) => string;
  /** Where another of the athlete's activities opens (a season best, a model's effort). */
  activityHref: (id: string) => string;
  /** The charts' zoom: a range of the activity at full detail. */
  rangeUrl: (activityId: string, from: number, to: number) => string;
}

const ATHLETE: ActivityReader = {
  kind: 'athlete',
  workoutHref: (w) => `/training?date=${w.date}&workout=${w.id}`,
  activityHref: (id) => `/activities/${id}`,
  rangeUrl: (id, from, to) => `/api/v1/activities/${id}/streams/range?from=${from}&to=${to}`,
};

const Reader = createContext<ActivityReader>(ATHLETE);

export const ActivityReaderProvider = ({ value, children }: { value: ActivityReader; children: ReactNode }) => (
  <Reader.Provider value={value}>{children}</Reader.Provider>
);

export const useActivityReader = () => useContext(Reader);

/** The coach's reader for one client: workouts open on the coach's workout page, zooms through the coach API. */
export const coachReader = (clientId: string): ActivityReader => ({
  kind: 'coach',
  workoutHref: (w) => `/coach/clients/${clientId}/workouts/${w.id}`,
  activityHref: (id) => `/coach/clients/${clientId}/activities/${id}`,
  rangeUrl: (id, from, to) => `/api/v1/coach/clients/${clientId}/activities/${id}/streams/range?from=${from}&to=${to}`,
});

/**
 * A link to the athlete's thresholds settings; for a coach, who cannot change them, the coach's wording as text
 * (their client sets thresholds in their own settings).
 */
export function ThresholdsLink({ children, coach }: { children: ReactNode; coach: ReactNode }) {
  const r = useActivityReader();
  if (r.kind === 'coach') return coach;
  return <Link to="/settings/training">{children}</Link>;
}
