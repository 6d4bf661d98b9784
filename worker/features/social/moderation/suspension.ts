// A moderation suspension (issue 42): nothing new is shared until it ends; export and deletion stay open.
// Pure, so the posts slice refuses posting and commenting with the same rule the moderators set.
import type { SocialSettings } from '../people/relations';

/** Whether the athlete is suspended at `now` (the end is exclusive: at `suspendedUntil` they may share again). */
export const isSuspended = (settings: Pick<SocialSettings, 'suspendedUntil'>, now: Date): boolean =>
  settings.suspendedUntil !== null && settings.suspendedUntil.getTime() > now.getTime();
