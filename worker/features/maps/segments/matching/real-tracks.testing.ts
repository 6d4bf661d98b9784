// Real recordings (ingest's corpus, worker/features/ingest/files/corpus/real/README.md for each file's source and
// licence) read with Garmin's own FIT SDK — not our parser — for the matcher's tests and bench. Node only.
import { readFileSync } from 'node:fs';
import { Decoder, Stream } from '@garmin/fitsdk';
import { deltaEncode } from '../../../../lib/delta-code';
import { type Track, trackOf } from '../../tracks/track.calc';

const CORPUS = new URL('../../../ingest/files/corpus/real/', import.meta.url);
const SEMICIRCLE = 180 / 2 ** 31;

export interface RealRecording {
  /** Every record with a position, unthinned: seconds since the first record, degrees, metres. */
  raw: { t: number[]; lat: number[]; lon: number[]; alt: (number | null)[] };
  /** The track the app stores (3 m thinning), with altitude at its points. */
  track: Track & { alt: (number | null)[] };
}

export function realRecording(file: string): RealRecording {
  const { messages } = new Decoder(Stream.fromBuffer(readFileSync(new URL(file, CORPUS)))).read();
  const records = ((messages.recordMesgs ?? []) as Record<string, unknown>[]).filter(
    (r) => typeof r.positionLat === 'number' && typeof r.positionLong === 'number' && r.timestamp instanceof Date,
  );
  const t0 = (records[0]!.timestamp as Date).getTime();
  const raw: RealRecording['raw'] = { t: [], lat: [], lon: [], alt: [] };
  for (const r of records) {
    const t = Math.round(((r.timestamp as Date).getTime() - t0) / 1000);
    if (raw.t.length && t <= raw.t.at(-1)!) continue;
    raw.t.push(t);
    raw.lat.push((r.positionLat as number) * SEMICIRCLE);
    raw.lon.push((r.positionLong as number) * SEMICIRCLE);
    const alt = (r.enhancedAltitude ?? r.altitude) as number | undefined;
    raw.alt.push(typeof alt === 'number' ? alt : null);
  }
  const track = trackOf({
    t: raw.t,
    latE6Delta: deltaEncode(raw.lat.map((v) => Math.round(v * 1e6))),
    lngE6Delta: deltaEncode(raw.lon.map((v) => Math.round(v * 1e6))),
  })!;
  const altAt = new Map(raw.t.map((t, i) => [t, raw.alt[i]!]));
  return { raw, track: { ...track, alt: track.t.map((t) => altAt.get(t) ?? null) } };
}

export const REAL_FILES = [
  'activity-small-fenix2-run.fit',
  'Edge810-Vector-2013-08-16-15-35-10.fit',
  'garmin-edge-500-activity.fit',
  '2019-02-17-062644-ELEMNT-297E-195-0.fit',
  'nick.fit',
  'sample_mulitple_header.fit',
] as const;
