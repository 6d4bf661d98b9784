// Settings → Data's "Deleted activities" card (ADR 068): what Strava or a live door will not bring back, and the
// form that lets one come back with the provider's next delivery.
import type { AppLoadContext } from '@remix-run/cloudflare';
import type { Viewer } from '../../../worker/context';
import { TombstoneKeyInput } from '../../../worker/features/activities/tombstones.schema';
import { actorOf } from '../../../worker/http/guards';
import { AppError } from '../../../worker/lib/errors';
import { formatDate } from './format';

const PROVIDERS: Record<string, string> = { strava: 'Strava', garmin_api: 'Garmin Connect', polar_api: 'Polar' };

export interface DeletedActivityView {
  source: string;
  provider: string;
  externalId: string;
  deletedOn: string;
  skipped: number;
}

export async function loadDeletedActivities(context: AppLoadContext, viewer: Viewer): Promise<DeletedActivityView[]> {
  const rows = await context.services.activities.tombstones.list(viewer.user.id);
  return rows.map((r) => ({
    source: r.source,
    provider: PROVIDERS[r.source] ?? r.source,
    externalId: r.externalId,
    deletedOn: formatDate(r.deletedAt, viewer.user.timeZone),
    skipped: r.skippedCount,
  }));
}

/** Brings one back; a form error (as `formError`) when the key is unknown or malformed. */
export async function bringBackDeleted(context: AppLoadContext, viewer: Viewer, values: Record<string, string>) {
  const key = TombstoneKeyInput.safeParse({ source: values.source, externalId: values.externalId });
  if (!key.success) return { intent: 'bring-back' as const, formError: 'That deleted activity was not found.' };
  try {
    await context.services.activities.tombstones.bringBack(actorOf(viewer), key.data);
    return null;
  } catch (e) {
    if (e instanceof AppError) return { intent: 'bring-back' as const, formError: e.message };
    throw e;
  }
}
