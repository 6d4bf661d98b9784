// The measured inputs of docs/scale.md: every table's rows and bytes on a database holding real data (the
// `npm run dev` stack once its demo history has imported), what one activity and one athlete-day cost in
// each table, and those costs multiplied out to 1,000 / 10,000 / 100,000 athletes. Read-only.
//
//   node scripts/scale-figures.ts [--activities-per-week=5] [--json]
//   DATABASE_URL=postgres://… node scripts/scale-figures.ts
import pg from 'pg';

const args = new Map(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k ?? '', v ?? 'true'] as const;
  }),
);
const PER_WEEK = Number(args.get('activities-per-week') ?? 5);
const STEPS = [1_000, 10_000, 100_000];
const url = process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:54320/cadence';

interface TableSize {
  table: string;
  rows: number;
  heap: number;
  toast: number;
  indexes: number;
  total: number;
  /** Whether its rows hang off an activity (an `activity_id` column): they grow with activities, not athletes. */
  perActivity: boolean;
}

const client = new pg.Client({ connectionString: url });
await client.connect();
// Exact counts, not the planner's estimates: the demo database is small enough to count.
await client.query('analyze');
const tables = (
  await client.query<{ table: string; heap: string; toast: string; indexes: string; total: string; per_activity: boolean }>(`
    select c.relname as table,
           pg_relation_size(c.oid) as heap,
           coalesce(pg_total_relation_size(nullif(c.reltoastrelid, 0)), 0) as toast,
           pg_indexes_size(c.oid) as indexes,
           pg_total_relation_size(c.oid) as total,
           exists (select 1 from information_schema.columns k
                   where k.table_schema = 'public' and k.table_name = c.relname and k.column_name = 'activity_id') as per_activity
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'r' and c.relname <> '__drizzle_migrations'
    order by pg_total_relation_size(c.oid) desc`)
).rows;
const sizes: TableSize[] = [];
for (const t of tables) {
  const { rows } = await client.query<{ n: string }>(`select count(*) as n from "${t.table}"`);
  sizes.push({
    table: t.table,
    rows: Number(rows[0]?.n ?? 0),
    heap: Number(t.heap),
    toast: Number(t.toast),
    indexes: Number(t.indexes),
    total: Number(t.total),
    perActivity: t.per_activity || t.table === 'activities',
  });
}

// The athlete with the most activities is the measured one (the demo athlete); the window is her history's span.
const who = (
  await client.query<{
    user_id: string;
    n: string;
    athletes: string;
    canonical: string;
    weeks: string;
    streams: string;
    stream_bytes: string;
    samples: string;
  }>(`
    select a.user_id, count(*) as n, (select count(distinct user_id) from activities) as athletes, count(*) filter (where a.duplicate_of is null) as canonical,
           greatest(1, extract(epoch from max(a.start_time) - min(a.start_time)) / 604800) as weeks,
           count(s.activity_id) as streams,
           coalesce(sum(pg_column_size(s.streams)), 0) as stream_bytes,
           coalesce(sum(a.elapsed_time_s) filter (where s.activity_id is not null), 0) as samples
    from activities a left join activity_streams s on s.activity_id = a.id
    group by a.user_id order by count(*) desc limit 1`)
).rows[0];
await client.end();
if (!who) {
  console.error('No activities in this database: start `npm run dev` and let the demo history import first.');
  process.exit(1);
}

const activities = Number(who.n);
const streamRows = Number(who.streams);
const streamBytes = Number(who.stream_bytes);
const weeks = Number(who.weeks);
// Per-activity costs divide by every stored activity row (all athletes'), since the tables hold them all.
const allActivities = sizes.find((t) => t.table === 'activities')?.rows ?? activities;
const perActivity = (t: TableSize) => (t.perActivity ? t.total / Math.max(1, allActivities) : 0);
// The rest grows with athletes and days (wellness, training days, notifications…): an upper bound per athlete-month,
// since small tables' fixed pages are counted too.
const athletesMeasured = Number(who.athletes);
const otherBytes = sizes.filter((t) => !t.perActivity).reduce((sum, t) => sum + t.total, 0);
const perAthleteMonth = otherBytes / Math.max(1, athletesMeasured) / (weeks / (52 / 12));
const activitiesPerMonth = (PER_WEEK * 52) / 12;

const mb = (b: number) => `${(b / 1e6).toFixed(2)} MB`;
const gb = (b: number) => `${(b / 1e9).toFixed(1)} GB`;
const out = {
  measured: {
    athleteActivities: activities,
    historyWeeks: Math.round(weeks),
    canonicalActivities: Number(who.canonical),
    activitiesPerWeek: +(Number(who.canonical) / weeks).toFixed(1),
    streamRows,
    streamBytesPerActivity: Math.round(streamBytes / Math.max(1, streamRows)),
    athletesWithActivities: athletesMeasured,
    otherTablesBytesPerAthleteMonth: Math.round(perAthleteMonth),
    streamBytesPerRecordedSecond: +(streamBytes / Math.max(1, Number(who.samples))).toFixed(1),
  },
  tables: sizes.map((t) => ({
    ...t,
    bytesPerRow: t.rows ? Math.round(t.total / t.rows) : null,
    bytesPerActivity: t.perActivity ? Math.round(perActivity(t)) : null,
  })),
  projection: STEPS.map((athletes) => {
    const perMonth = sizes.reduce((sum, t) => sum + perActivity(t) * activitiesPerMonth * athletes, 0);
    const streamsPerMonth = (streamBytes / Math.max(1, streamRows)) * activitiesPerMonth * athletes;
    return {
      athletes,
      activityBytesPerMonth: perMonth,
      streamBytesPerMonth: streamsPerMonth,
      otherBytesPerMonth: perAthleteMonth * athletes,
    };
  }),
};

if (args.has('json')) {
  console.log(JSON.stringify(out, null, 2));
} else {
  console.log(
    `Measured athlete: ${activities} activity rows (${out.measured.canonicalActivities} canonical) over ${out.measured.historyWeeks} weeks (${out.measured.activitiesPerWeek} a week)`,
  );
  console.log(
    `Streams: ${streamRows} rows, ${mb(streamBytes)} stored, ${out.measured.streamBytesPerActivity} B per activity, ${out.measured.streamBytesPerRecordedSecond} B per recorded second`,
  );
  console.table(
    out.tables
      .filter((t) => t.rows > 0)
      .slice(0, 25)
      .map((t) => ({
        table: t.table,
        rows: t.rows,
        total: mb(t.total),
        toast: mb(t.toast),
        indexes: mb(t.indexes),
        'B/row': t.bytesPerRow,
        'B/activity': t.bytesPerActivity,
      })),
  );
  console.log(`Growth at ${PER_WEEK} activities a week per athlete (${activitiesPerMonth.toFixed(1)} a month):`);
  console.table(
    out.projection.map((p) => ({
      athletes: p.athletes,
      'activity tables / month': gb(p.activityBytesPerMonth),
      'of which streams': gb(p.streamBytesPerMonth),
      'other tables / month (bound)': gb(p.otherBytesPerMonth),
      'a year, all': gb((p.activityBytesPerMonth + p.otherBytesPerMonth) * 12),
    })),
  );
}
