import type { ProviderFileRef } from '../../../providers/file-provider/file-provider';
import type { ActivityInput } from '../../activities';
import type { Door } from './file-doors.registry';

/** The activities of one provider file as `door.source`, named by the provider's activity id (legs of a multisport file `:n`). */
export function asDoorActivities(
  door: Door,
  ref: Pick<ProviderFileRef, 'activityId' | 'name' | 'deviceName'>,
  parsed: ActivityInput[],
): ActivityInput[] {
  const device = ref.deviceName?.trim();
  return parsed.map((a, i) => ({
    ...a,
    source: door.source,
    externalId: i === 0 ? ref.activityId : `${ref.activityId}:${i}`,
    // The name the athlete gave it on the provider beats the one made up from the file's sport and time.
    name: parsed.length === 1 && ref.name ? ref.name : a.name,
    // The device, for the provider's attribution ("Garmin Forerunner 965") on every page that shows it.
    ...(device ? { extras: { ...a.extras, device } } : {}),
  }));
}
