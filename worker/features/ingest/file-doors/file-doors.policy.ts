import { DATA_USE_POLICY, type ActivitySource } from '../../activities';

/**
 * What disconnecting a door deletes besides its tokens and jobs, read from the source's policy row: activities a
 * source may keep only while connected (retention 0, as Strava's API copies) go; the athlete's own files stay.
 */
export const disconnectRemovesActivities = (source: ActivitySource): boolean => DATA_USE_POLICY[source].retentionDays === 0;
