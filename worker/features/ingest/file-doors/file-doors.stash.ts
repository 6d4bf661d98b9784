import type { FileProviderName } from '../../../providers/file-provider/file-provider';

// A fetched file is kept in R2 until its activities are stored: Garmin serves a callback URL once, so a job that
// fails after the download (a database hiccup) retries from here instead of losing the file. Deleted once
// imported, and with the connection.

const prefix = (userId: string, provider: FileProviderName) => `file-doors/${userId}/${provider}/`;
export const stashKey = (userId: string, provider: FileProviderName, activityId: string) =>
  `${prefix(userId, provider)}${encodeURIComponent(activityId)}`;

export async function deleteStash(bucket: R2Bucket, userId: string, provider: FileProviderName): Promise<void> {
  let cursor: string | undefined;
  do {
    const page = await bucket.list({ prefix: prefix(userId, provider), cursor });
    if (page.objects.length) await bucket.delete(page.objects.map((o) => o.key));
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
}
