// R2 objects of a person. Every upload key is `<area>/<userId>/…` (imports/, file-doors/, exports/ …): the
// areas are read from the bucket itself (its top-level prefixes), so a new area is covered without a list here.

/** The bucket's top-level areas (`imports/`, `file-doors/`, …). */
export async function bucketAreas(bucket: R2Bucket): Promise<string[]> {
  const areas: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await bucket.list({ delimiter: '/', cursor });
    areas.push(...page.delimitedPrefixes);
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  return areas;
}

/** Deletes every object under `<area>/<userId>/` of every area, a page at a time; `onPage` records progress (by area: never the id). */
export async function deleteUserObjects(
  bucket: R2Bucket,
  userId: string,
  onPage: (area: string, deleted: number) => Promise<void>,
): Promise<number> {
  let total = 0;
  for (const area of await bucketAreas(bucket)) {
    const prefix = `${area}${userId}/`;
    let cursor: string | undefined;
    do {
      const page = await bucket.list({ prefix, cursor, limit: 1000 });
      if (page.objects.length) {
        await bucket.delete(page.objects.map((o) => o.key));
        total += page.objects.length;
        await onPage(area, page.objects.length);
      }
      cursor = page.truncated ? page.cursor : undefined;
    } while (cursor);
  }
  return total;
}

/** Every `<area>/<id>/` owner id found in the bucket, per area (the orphan sweep checks them against users). */
export async function ownersInBucket(bucket: R2Bucket): Promise<Map<string, Map<string, number>>> {
  const out = new Map<string, Map<string, number>>();
  for (const area of await bucketAreas(bucket)) {
    const owners = new Map<string, number>();
    let cursor: string | undefined;
    do {
      const page = await bucket.list({ prefix: area, cursor, limit: 1000 });
      for (const o of page.objects) {
        const owner = o.key.slice(area.length).split('/')[0];
        if (owner) owners.set(owner, (owners.get(owner) ?? 0) + 1);
      }
      cursor = page.truncated ? page.cursor : undefined;
    } while (cursor);
    out.set(area, owners);
  }
  return out;
}
