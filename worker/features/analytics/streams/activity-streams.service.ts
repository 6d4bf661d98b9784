// The activity page's analysis of one activity's streams: the drawn series, the figures of the whole
// activity or of a range, automatic splits, the device's laps and time in zones (ADR 032). Everything
// is computed from the stored full-resolution streams; the drawn series alone is downsampled.

import type { ActivityLap, DataUse } from '../../activities';
import type { Athlete, ReadContext } from '../analytics-shared';
import { createActivityAnalysisRepo } from '../activity-analysis.repo';
import { thresholdTimeline } from '../calc/thresholds.calc';
import { activityLoadBasis, thresholdsSeenBy } from '../load-threshold';
import * as loadRepo from '../training-load.repo';
import { type ActivityTrack, type Channel, cadenceScale, decodeTrack } from './activity-track.calc';
import { type StreamsRow, streamsOf } from './activity-streams.repo';
import { rangeFigures, type RangeFigures, wholeFigures } from './range-figures.calc';
import { splitsOf } from './splits.calc';
import { channelsOf, drawSeries } from './streams-view.calc';
import { type ZoneTable, zoneThreshold, zonesOf } from './zones.calc';

/** The device's laps as recorded; an average the device left out is taken from the streams (`fromStreams`). */
function lapsOf(row: Omit<StreamsRow, 'streams'>, track: ActivityTrack | null) {
  const start = row.startTime.getTime();
  const cadence = (v: number | null | undefined) => (v == null ? null : v * cadenceScale(row.sport));
  return row.laps.map((l: ActivityLap, i) => {
    const startS = Math.max(0, Math.round((Date.parse(l.startTime) - start) / 1000));
    const f = track ? rangeFigures(track, startS, startS + l.elapsedS, { short: true }) : null;
    const fromStreams: string[] = [];
    const pick = (recorded: number | null | undefined, computed: number | null | undefined, name: string) => {
      if (recorded != null) return recorded;
      if (computed == null) return null;
      fromStreams.push(name);
      return computed;
    };
    return {
      index: i + 1,
      startS,
      elapsedS: l.elapsedS,
      movingS: l.movingS ?? null,
      distanceM: l.distanceM ?? null,
      avgSpeedMps: l.avgSpeedMps ?? (l.distanceM && (l.movingS ?? l.elapsedS) > 0 ? l.distanceM / (l.movingS ?? l.elapsedS) : null),
      avgHr: pick(l.avgHr, f?.hr?.avg, 'hr'),
      maxHr: pick(l.maxHr, f?.hr?.max, 'hr'),
      avgPower: pick(l.avgPower, f?.power?.avg, 'power'),
      avgCadence: pick(cadence(l.avgCadence), f?.cadence?.avg, 'cadence'),
      fromStreams: [...new Set(fromStreams)],
    };
  });
}

/** A split as its table row reads it: flat averages only (a 180-km ride has 180 of them). */
const presentSplits = (track: ActivityTrack, a: Athlete) =>
  splitsOf(track, a.units).map(({ index, distanceM, figures: f }) => ({
    index,
    distanceM,
    from: f.from,
    to: f.to,
    elapsedS: f.elapsedS,
    movingS: f.movingS,
    speed: f.speed?.avg ?? null,
    gap: f.gap?.avg ?? null,
    hr: f.hr?.avg ?? null,
    power: f.power?.avg ?? null,
    cadence: f.cadence?.avg ?? null,
    gainM: f.altitude?.gainM ?? null,
    lossM: f.altitude?.lossM ?? null,
  }));

/** An activity's row (its raw streams dropped once decoded) and its decoded track. */
interface Loaded {
  row: Omit<StreamsRow, 'streams'>;
  track: ActivityTrack | null;
}

// Zooming asks for range after range of one activity: the isolate keeps the last few decoded tracks
// (≈ 2 MB for a 4-hour ride), keyed by the athlete's analytics version so a changed activity is read
// again. Module scope outlives a request in one isolate; only plain arrays are kept, never I/O objects.
const TRACKS_KEPT = 4;
const tracks = new Map<string, Loaded>();

function keep(key: string, loaded: Loaded) {
  tracks.delete(key);
  tracks.set(key, loaded);
  // Map iteration order is insertion order: the first entry is the least recently used.
  for (const k of tracks.keys()) {
    if (tracks.size <= TRACKS_KEPT) break;
    tracks.delete(k);
  }
}

export function createActivityStreamsService(ctx: ReadContext) {
  async function readable(a: Athlete, activityId: string, use: DataUse): Promise<Loaded | undefined> {
    const key = `${a.id}/${a.version}/${activityId}`;
    let loaded = tracks.get(key);
    if (loaded) keep(key, loaded);
    else {
      const found = await streamsOf(ctx.db, a.id, activityId);
      if (!found) return undefined;
      const { streams, ...row } = found;
      loaded = { row, track: streams ? decodeTrack(streams, row.sport, row.distanceM) : null };
      keep(key, loaded);
    }
    // A source whose terms keep it from this use is not found, exactly like someone else's activity.
    return (await ctx.policy()).allows(loaded.row.source, use) ? loaded : undefined;
  }

  return {
    /**
     * The whole activity: drawn series, figures, splits, laps and zones. `use` is whose eyes: the owner
     * (`owner`) or their coach (`coach`: zones from the thresholds the coach sees, the load card's own,
     * ADR 061). Null when not found or not allowed.
     */
    async activityStreams(a: Athlete, activityId: string, use: DataUse) {
      return ctx.cached(`streams-${use}`, a, { activityId }, async () => {
        const loaded = await readable(a, activityId, use);
        if (!loaded) return null;
        const { row, track } = loaded;
        const laps = lapsOf(row, track);
        const base = { activityId: row.id, sport: row.sport, units: a.units, date: row.localDate, laps };
        if (!track) {
          const none = { series: null, figures: null, splits: [] as ReturnType<typeof presentSplits>, zones: [] as ZoneTable[] };
          return { ...base, ...none, channels: [] as Channel[], distance: 'none' as const, durationS: null };
        }
        const [rows, [source], metrics] = await Promise.all([
          thresholdsSeenBy(ctx.db, a.id, use, ctx.sourcesFor),
          loadRepo.withStreams(ctx.db, a.id, [row.id], false),
          createActivityAnalysisRepo(ctx.db).metricsOf(a.id, row.id),
        ]);
        const timeline = thresholdTimeline(rows);
        // One threshold per activity: the load's own computation, so zones and load never disagree (ADR 007).
        const basis = activityLoadBasis(source, metrics?.facts, timeline);
        const inEffect = timeline.inEffect(row.localDate);
        return {
          ...base,
          channels: channelsOf(track),
          distance: distanceKind(track),
          durationS: track.t[track.n - 1]!,
          series: drawSeries(track),
          figures: wholeOf(row, track),
          splits: distanceKind(track) === 'none' ? [] : presentSplits(track, a),
          zones: zonesOf(track, (kind) => zoneThreshold(inEffect, basis, kind, row.localDate)),
        };
      });
    },

    /** Seconds `from`…`to` of the activity (absent: its start, its end): drawn at full detail, with exact figures. */
    async activityStreamsRange(a: Athlete, activityId: string, use: DataUse, from?: number, to?: number) {
      const loaded = await readable(a, activityId, use);
      if (!loaded?.track) return null;
      const { track } = loaded;
      // The whole activity reads as the page's summary does; a stretch of it, from the recording.
      const figures: RangeFigures =
        (from ?? 0) <= 0 && (to === undefined || to >= track.t[track.n - 1]!)
          ? wholeOf(loaded.row, track)
          : rangeFigures(track, from ?? 0, to ?? track.t[track.n - 1]!);
      return { activityId: loaded.row.id, series: drawSeries(track, figures.from, figures.to), figures };
    },
  };
}

const wholeOf = (row: Omit<StreamsRow, 'streams'>, track: ActivityTrack) =>
  wholeFigures(track, { ...row.totals, distanceM: row.distanceM });

function distanceKind(track: ActivityTrack): 'recorded' | 'from_speed' | 'none' {
  if (track.distanceM[track.n - 1]! - track.distanceM[0]! <= 0) return 'none';
  return track.distanceFromSpeed ? 'from_speed' : 'recorded';
}

export type ActivityStreamsService = ReturnType<typeof createActivityStreamsService>;
