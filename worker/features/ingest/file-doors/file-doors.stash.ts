import type { FileProviderName, ProviderFileFormat } from '../../../providers/file-provider/file-provider';

// A fetched file is written to R2 before it is parsed (Garmin serves a callback URL once: a job that fails after
// the download retries from here) and stays there once imported: it is the athlete's original, read by
// "Download my data" under `file-doors/<userId>/` and erased with the account (ADR 049).

const prefix = (userId: string, provider: FileProviderName) => `file-doors/${userId}/${provider}/`;
/** `file-doors/<user>/<provider>/<activity id>.<format>`: the extension lets the exported copy open as what it is. */
export const originalKey = (userId: string, provider: FileProviderName, activityId: string, format: ProviderFileFormat) =>
  `${prefix(userId, provider)}${encodeURIComponent(activityId)}.${format}`;

/** Every file a door delivered to the athlete; only for a source whose policy drops its activities on disconnect. */
export async function deleteDoorFiles(bucket: R2Bucket, userId: string, provider: FileProviderName): Promise<void> {
  let cursor: string | undefined;
  do {
    const page = await bucket.list({ prefix: prefix(userId, provider), cursor });
    if (page.objects.length) await bucket.delete(page.objects.map((o) => o.key));
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
}
