import type { ActivitiesService, ActivitySource } from '../activities';
import type { IngestionService } from './ingestion.service';
import type { DoorConnections } from './file-doors/file-doors.connection';
import type { StravaConnections } from './strava/strava.connection';

/** Everything Home and Data sources show about an athlete's data, in one read. */
export async function readIngestionStatus(
  deps: { ingestion: IngestionService; connections: StravaConnections; doors: DoorConnections; activities: ActivitiesService },
  userId: string,
) {
  const [status, conn, doors, activityCount] = await Promise.all([
    deps.ingestion.status(userId),
    deps.connections.findByUser(userId),
    deps.doors.status(userId),
    deps.activities.count(userId),
  ]);
  // Deleted activities the provider delivered again since each import began, kept out (ADR 068).
  const skipped = await Promise.all(
    status.states.map(
      async (s) => (await deps.activities.tombstones.skippedSince(userId, s.startedAt)).get(activitySourceOf(s.source)) ?? 0,
    ),
  );
  return {
    paused: status.paused,
    connections: { strava: { connected: !!conn, athleteId: conn?.externalAthleteId ?? null, reconnectNeeded: !!conn?.reconnectNeededAt } },
    doors,
    states: status.states.map((s, i) => ({
      source: s.source,
      status: s.status,
      resumeAt: s.resumeAt?.toISOString() ?? null,
      doneCount: s.doneCount,
      totalEstimate: s.totalEstimate,
      lastError: s.lastError,
      startedAt: s.startedAt.toISOString(),
      skippedDeleted: skipped[i]!,
      updatedAt: s.updatedAt.toISOString(),
    })),
    activityCount,
  };
}

/** The activity source an import's rows carry: Strava's own, a live door's `<provider>_api`. */
const activitySourceOf = (stateSource: string): ActivitySource =>
  (stateSource === 'strava' ? 'strava' : `${stateSource}_api`) as ActivitySource;
