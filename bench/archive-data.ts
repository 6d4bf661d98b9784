// The archive benchmark's data: ten years of one sandbox athlete (5,000 activities) as a Strava archive
// (activities.csv + gzip-compressed originals) and as a Garmin export holding the same original files
// (plain, in its UploadedFiles zips) with a summary per activity — the same activities and bytes
// through both import paths. Built in worker threads and kept in a cache directory, so only the first
// run pays for it.
//
// FIT files here come from a compact writer of their own (1 Hz records, one lap, session, activity):
// Garmin's SDK encoder costs ~0.3 s a file, 20 minutes for the archive; the importer decodes them with
// the SDK either way. GPX and TCX come from the sandbox's writers, a point every 5 s as phones saving battery record.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { gzipSync, strToU8, zipSync, type Zippable } from 'fflate';
import { garminSummarizedActivities } from '../scripts/sandbox/generator-files.ts';
import { activitiesCsv, activityGpx, activityRow, activityTcx, uploadId } from '../scripts/sandbox/strava-archive.ts';
import { generateHistory, type GeneratedActivity } from '../scripts/sandbox/strava/generator.ts';
import { buildStreams, type Streams } from '../scripts/sandbox/strava/streams.ts';

export const SPEC = { athleteId: 4242, count: 5_000, end: '2026-11-01T00:00:00Z', version: 2 };
const MTIME = new Date('2026-01-01T00:00:00Z');
/**
 * GPX and TCX points every 5 s: ~0.95 GB of originals in all (under the 1 GiB inflated cap, which
 * counts each byte once), ~150 MiB as the archive stores them (under the 200 MiB upload cap).
 */
export const TEXT_EVERY_S = 5;

type Format = 'fit' | 'gpx' | 'tcx';
/** The mix of a long-time Garmin user who also recorded with the phone app: by position in a 20-cycle. */
export function formatOf(a: GeneratedActivity, i: number): { format: Format; gz: boolean } {
  const k = i % 20;
  if (!a.plan.start || k < 5) return { format: 'fit', gz: k !== 0 };
  if (k < 16) return { format: 'gpx', gz: k !== 5 };
  return { format: 'tcx', gz: true };
}

// ---- A compact FIT writer (FIT protocol 2.0, little endian) ----

const FIT_EPOCH_S = 631_065_600;
const CRC_TABLE = [
  0x0000, 0xcc01, 0xd801, 0x1400, 0xf001, 0x3c00, 0x2800, 0xe401, 0xa001, 0x6c00, 0x7800, 0xb401, 0x5000, 0x9c01, 0x8801, 0x4400,
];
function crc16(bytes: Uint8Array, from = 0, to = bytes.length): number {
  let crc = 0;
  for (let i = from; i < to; i++) {
    const b = bytes[i]!;
    let t = CRC_TABLE[crc & 0xf]!;
    crc = ((crc >> 4) & 0x0fff) ^ t ^ CRC_TABLE[b & 0xf]!;
    t = CRC_TABLE[crc & 0xf]!;
    crc = ((crc >> 4) & 0x0fff) ^ t ^ CRC_TABLE[(b >> 4) & 0xf]!;
  }
  return crc;
}

// Base types: [code, size].
const T = { enum: [0x00, 1], u8: [0x02, 1], u16: [0x84, 2], s32: [0x85, 4], u32: [0x86, 4], u32z: [0x8c, 4] } as const;
type Field = [num: number, type: (typeof T)[keyof typeof T]];

class FitWriter {
  private buf = new Uint8Array(1 << 16);
  private view = new DataView(this.buf.buffer);
  private at = 14;
  private defs: Field[][] = [];

  private room(n: number) {
    if (this.at + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.at + n));
    next.set(this.buf);
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  define(local: number, global: number, fields: Field[]) {
    this.room(6 + 3 * fields.length);
    this.buf[this.at++] = 0x40 | local;
    this.buf[this.at++] = 0;
    this.buf[this.at++] = 0; // little endian
    this.view.setUint16(this.at, global, true);
    this.at += 2;
    this.buf[this.at++] = fields.length;
    for (const [num, [code, size]] of fields) {
      this.buf[this.at++] = num;
      this.buf[this.at++] = size;
      this.buf[this.at++] = code;
    }
    this.defs[local] = fields;
  }

  write(local: number, values: number[]) {
    const fields = this.defs[local]!;
    this.room(1 + 4 * fields.length);
    this.buf[this.at++] = local;
    fields.forEach(([, [code]], i) => {
      const v = values[i]!;
      if (code === 0x00 || code === 0x02) this.buf[this.at++] = v;
      else if (code === 0x84) {
        this.view.setUint16(this.at, v, true);
        this.at += 2;
      } else if (code === 0x85) {
        this.view.setInt32(this.at, v, true);
        this.at += 4;
      } else {
        this.view.setUint32(this.at, v >>> 0, true);
        this.at += 4;
      }
    });
  }

  close(): Uint8Array {
    this.room(2);
    const out = this.buf.subarray(0, this.at + 2);
    const v = new DataView(out.buffer, out.byteOffset);
    out[0] = 14;
    out[1] = 0x20;
    v.setUint16(2, 2132, true);
    v.setUint32(4, this.at - 14, true);
    out.set([0x2e, 0x46, 0x49, 0x54], 8);
    v.setUint16(12, crc16(out, 0, 12), true);
    v.setUint16(this.at, crc16(out, 0, this.at), true);
    return out.slice();
  }
}

const SPORT = { Run: 1, Ride: 2, Swim: 5 } as const;
const SEMI = 2 ** 31 / 180;

/** One activity as a FIT file: file_id, a record per second, one lap, the session and activity messages. */
export function fastFit(a: GeneratedActivity, s: Streams): Uint8Array {
  const w = new FitWriter();
  const ts = (i: number) => Math.round(a.startMs / 1000) + (s.time[i] ?? i) - FIT_EPOCH_S;
  const start = ts(0);
  const end = ts(s.n - 1);
  w.define(0, 0, [
    [0, T.enum],
    [1, T.u16],
    [2, T.u16],
    [3, T.u32z],
    [4, T.u32],
  ]);
  w.write(0, [4, 1, 4315, 3_400_000_000 + (a.athleteId % 1000), start]);
  w.define(1, 20, [
    [253, T.u32],
    [0, T.s32],
    [1, T.s32],
    [5, T.u32],
    [73, T.u32],
    [78, T.u32],
    [3, T.u8],
    [4, T.u8],
    [7, T.u16],
  ]);
  for (let i = 0; i < s.n; i++) {
    w.write(1, [
      ts(i),
      s.latlng ? Math.round((s.latlng[2 * i] ?? 0) * SEMI) : 0x7fffffff,
      s.latlng ? Math.round((s.latlng[2 * i + 1] ?? 0) * SEMI) : 0x7fffffff,
      Math.round((s.distance[i] ?? 0) * 100),
      Math.round((s.velocity[i] ?? 0) * 1000),
      s.altitude ? Math.round(((s.altitude[i] ?? 0) + 500) * 5) : 0xffffffff,
      s.heartrate ? (s.heartrate[i] ?? 0xff) : 0xff,
      Math.min(254, s.cadence[i] ?? 0),
      s.watts && a.plan.hasPowerMeter ? (s.watts[i] ?? 0) : 0xffff,
    ]);
  }
  const sport = SPORT[a.plan.sport];
  const totals = (x: number) => Math.round(x * 1000);
  w.define(2, 19, [
    [253, T.u32],
    [254, T.u16],
    [2, T.u32],
    [7, T.u32],
    [8, T.u32],
    [9, T.u32],
    [25, T.enum],
  ]);
  w.write(2, [end, 0, start, totals(a.elapsedTime), totals(a.movingTime), Math.round(a.distance * 100), sport]);
  const st = a.stats;
  w.define(3, 18, [
    [253, T.u32],
    [254, T.u16],
    [2, T.u32],
    [5, T.enum],
    [7, T.u32],
    [8, T.u32],
    [9, T.u32],
    [11, T.u16],
    [16, T.u8],
    [17, T.u8],
    [22, T.u16],
    [25, T.u16],
    [26, T.u16],
  ]);
  w.write(3, [
    end,
    0,
    start,
    sport,
    totals(a.elapsedTime),
    totals(a.movingTime),
    Math.round(a.distance * 100),
    Math.round(st.calories),
    st.averageHeartrate === null ? 0xff : Math.round(st.averageHeartrate),
    st.maxHeartrate ?? 0xff,
    Math.round(st.totalElevationGain),
    0,
    1,
  ]);
  w.define(4, 34, [
    [253, T.u32],
    [0, T.u32],
    [1, T.u16],
    [5, T.u32],
  ]);
  w.write(4, [end, totals(a.movingTime), 1, end + a.utcOffset]);
  return w.close();
}

/** One activity's original file, plain (the Garmin export) and as the Strava archive stores it. */
function original(a: GeneratedActivity, i: number): { plain: Uint8Array; stored: Uint8Array; ext: string } {
  const s = buildStreams(a.seed, a.plan);
  const { format, gz } = formatOf(a, i);
  const plain =
    format === 'fit' ? fastFit(a, s) : strToU8(format === 'gpx' ? activityGpx(a, s, TEXT_EVERY_S) : activityTcx(a, s, TEXT_EVERY_S));
  return { plain, stored: gz ? gzipSync(plain, { level: 6, mtime: MTIME }) : plain, ext: `${format}${gz ? '.gz' : ''}` };
}

const history = () =>
  generateHistory(SPEC.athleteId, { count: SPEC.count, endDate: new Date(SPEC.end) }).sort((x, y) => x.startMs - y.startMs);

if (!isMainThread && (workerData as { archiveBench?: boolean } | null)?.archiveBench) {
  // A worker: rebuild the (cheap, deterministic) history and build every n-th original.
  const { worker, workers } = workerData as { worker: number; workers: number };
  const out: { i: number; plain: Uint8Array; stored: Uint8Array; ext: string }[] = [];
  history().forEach((a, i) => {
    if (i % workers === worker) out.push({ i, ...original(a, i) });
  });
  parentPort?.postMessage(
    out,
    out.flatMap((o) => (o.stored === o.plain ? [o.plain.buffer] : [o.plain.buffer, o.stored.buffer])) as ArrayBuffer[],
  );
}

export interface BenchArchives {
  strava: string;
  garmin: string;
  activities: number;
  uncompressedBytes: number;
  formats: Record<string, number>;
}

/** Builds both archives into `dir` (once: later runs read the cache). */
export async function benchArchives(dir: string): Promise<BenchArchives> {
  const meta = join(dir, `meta-v${SPEC.version}.json`);
  if (existsSync(meta)) return JSON.parse(readFileSync(meta, 'utf8')) as BenchArchives;
  mkdirSync(dir, { recursive: true });
  const activities = history();
  const threads = Math.max(1, Math.min(4, availableParallelism()));
  const t0 = performance.now();
  const parts = await Promise.all(
    Array.from(
      { length: threads },
      (_, worker) =>
        new Promise<{ i: number; plain: Uint8Array; stored: Uint8Array; ext: string }[]>((resolve, reject) => {
          const w = new Worker(new URL(import.meta.url), { workerData: { archiveBench: true, worker, workers: threads } });
          w.once('message', (m) => void w.terminate().then(() => resolve(m), reject));
          w.once('error', reject);
        }),
    ),
  );
  const files = parts.flat().sort((x, y) => x.i - y.i);
  console.log(`built ${files.length} originals in ${Math.round((performance.now() - t0) / 1000)} s on ${threads} threads`);

  const strava: Zippable = {};
  const formats: Record<string, number> = {};
  let uncompressedBytes = 0;
  const rows = activities.map((a, i) => {
    const f = files[i]!;
    const name = `activities/${uploadId(a)}.${f.ext}`;
    strava[name] = [f.stored, { level: f.ext.endsWith('.gz') ? 0 : 6 }];
    formats[f.ext] = (formats[f.ext] ?? 0) + 1;
    uncompressedBytes += f.plain.length;
    return { startMs: a.startMs, row: activityRow(a, name) };
  });
  rows.sort((x, y) => y.startMs - x.startMs);
  strava['activities.csv'] = strToU8(activitiesCsv(rows.map((r) => r.row)));
  const stravaPath = join(dir, `strava-v${SPEC.version}.zip`);
  writeFileSync(`${stravaPath}.partial`, zipSync(strava, { mtime: MTIME }));
  renameSync(`${stravaPath}.partial`, stravaPath);

  // The Garmin export: a summary per activity and the same originals, uncompressed, 100 to an UploadedFiles zip.
  const garmin: Zippable = {};
  const perFile = 1000;
  const newestFirst = [...activities].reverse();
  for (let i = 0; i * perFile < newestFirst.length; i++)
    garmin[`DI_CONNECT/DI-Connect-Fitness/bench_${i * perFile}_summarizedActivities.json`] = strToU8(
      JSON.stringify(garminSummarizedActivities(newestFirst.slice(i * perFile, (i + 1) * perFile))),
    );
  for (let p = 0; p * 100 < activities.length; p++) {
    const part: Zippable = {};
    for (let i = p * 100; i < Math.min(activities.length, (p + 1) * 100); i++) {
      const f = files[i]!;
      part[`bench_${10_000_000_000 + activities[i]!.id}.${f.ext.replace('.gz', '')}`] = f.plain;
    }
    garmin[`DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part${p + 1}.zip`] = [
      zipSync(part, { level: 6, mtime: MTIME }),
      { level: 0 },
    ];
  }
  const garminPath = join(dir, `garmin-v${SPEC.version}.zip`);
  writeFileSync(`${garminPath}.partial`, zipSync(garmin, { mtime: MTIME }));
  renameSync(`${garminPath}.partial`, garminPath);

  const out: BenchArchives = { strava: stravaPath, garmin: garminPath, activities: activities.length, uncompressedBytes, formats };
  writeFileSync(meta, JSON.stringify(out));
  return out;
}
