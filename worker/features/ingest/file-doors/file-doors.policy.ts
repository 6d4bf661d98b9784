import type { ActivitySource, Policy } from '../../activities';

/**
 * What disconnecting a door deletes besides its tokens and jobs, read from the source's policy row: activities a
 * source may keep only while connected (as Strava's API copies) go; the athlete's own files stay.
 */
export const disconnectRemovesActivities = (policy: Policy, source: ActivitySource): boolean =>
  policy.rule(source).onDisconnect === 'delete';
