// The copy behind the demo account's sample athlete (demo-sample.ts), over any `query` function so the
// seed (node-postgres) and its test (the worker's pool) run the same statements. No imports on purpose.

export type Query = (text: string, params: unknown[]) => Promise<{ rows: Record<string, unknown>[]; rowCount?: number | null }>;

/**
 * Copies `from`'s file activities (not Strava's: its data is shown to its athlete only) and their
 * streams to `to`, once. Returns how many activities were copied, or 'already'. Run inside a transaction.
 */
export async function copyFileHistory(query: Query, from: string, to: string): Promise<number | 'already'> {
  const has = await query('SELECT 1 FROM activities WHERE user_id = $1 LIMIT 1', [to]);
  if (has.rows.length) return 'already';
  const cols = (
    await query(
      `SELECT column_name FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name = 'activities' AND column_name NOT IN ('id', 'user_id', 'duplicate_of')`,
      [],
    )
  ).rows.map((r) => `"${String(r.column_name)}"`);
  const copied = await query(
    `INSERT INTO activities (user_id, ${cols.join(', ')})
     SELECT $2, ${cols.join(', ')} FROM activities
      WHERE user_id = $1 AND source <> 'strava' AND duplicate_of IS NULL`,
    [from, to],
  );
  await query(
    `INSERT INTO activity_streams (activity_id, streams)
     SELECT n.id, s.streams
       FROM activities o
       JOIN activity_streams s ON s.activity_id = o.id
       JOIN activities n ON n.user_id = $2 AND n.source = o.source AND n.external_id = o.external_id
      WHERE o.user_id = $1`,
    [from, to],
  );
  return copied.rowCount ?? 0;
}
