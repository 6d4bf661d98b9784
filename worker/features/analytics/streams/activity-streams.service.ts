// The activity page's analysis of one activity's streams: the drawn series, the figures of the whole
// activity or of a range, automatic splits, the device's laps and time in zones (ADR 032). Everything
// is computed from the stored full-resolution streams; the drawn series alone is downsampled.

import type { ActivityLap, DataUse } from '../../activities';
import { mayUse } from '../../activities';
import type { Athlete, ReadContext } from '../analytics-shared';
import * as thresholdsRepo from '../thresholds.repo';
import { type ActivityTrack, type Channel, decodeTrack } from './activity-track.calc';
import { type StreamsRow, streamsOf } from './activity-streams.repo';
import { rangeFigures, type RangeFigures } from './range-figures.calc';
import { splitsOf } from './splits.calc';
import { channelsOf, drawSeries } from './streams-view.calc';
import { thresholdInEffect, type ZoneTable, zonesOf } from './zones.calc';

const FOOT_SPORTS = new Set(['run', 'walk', 'hike']);

/** The device's laps as recorded; an average the device left out is taken from the streams (`fromStreams`). */
function lapsOf(row: StreamsRow, track: ActivityTrack | null) {
  const start = row.startTime.getTime();
  const cadence = (v: number | null | undefined) => (v == null ? null : FOOT_SPORTS.has(row.sport) ? v * 2 : v);
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

const presentSplits = (track: ActivityTrack, a: Athlete) =>
  splitsOf(track, a.units).map((s) => ({ ...s.figures, index: s.index, distanceM: s.distanceM }));

export function createActivityStreamsService(ctx: ReadContext) {
  async function readable(a: Athlete, activityId: string, use: DataUse) {
    const row = await streamsOf(ctx.db, a.id, activityId);
    // A source whose terms keep it from this use is not found, exactly like someone else's activity.
    return row && mayUse(row.source, use) ? row : undefined;
  }

  return {
    /**
     * The whole activity: drawn series, figures, splits, laps and zones. `use` is whose eyes: the owner
     * (`owner_display`) or their coach (`shown_to_others`, zones from manual thresholds only, since an
     * estimate may come from data the coach may not see). Null when not found or not allowed.
     */
    async activityStreams(a: Athlete, activityId: string, use: DataUse) {
      return ctx.cached(`streams-${use}`, a, { activityId }, async () => {
        const row = await readable(a, activityId, use);
        if (!row) return null;
        const track = row.streams ? decodeTrack(row.streams, row.sport, row.distanceM) : null;
        const laps = lapsOf(row, track);
        const base = { activityId: row.id, sport: row.sport, units: a.units, date: row.localDate, laps };
        if (!track) {
          const none = { series: null, figures: null, splits: [] as ReturnType<typeof presentSplits>, zones: [] as ZoneTable[] };
          return { ...base, ...none, channels: [] as Channel[], distance: 'none' as const, durationS: null };
        }
        const rows = await thresholdsRepo.thresholds(ctx.db, a.id);
        const manualOnly = use !== 'owner_display';
        return {
          ...base,
          channels: channelsOf(track),
          distance: distanceKind(track),
          durationS: track.t[track.n - 1]!,
          series: drawSeries(track),
          figures: rangeFigures(track, 0, track.t[track.n - 1]!),
          splits: distanceKind(track) === 'none' ? [] : presentSplits(track, a),
          zones: zonesOf(track, (kind) => thresholdInEffect(rows, kind, row.localDate, manualOnly)),
        };
      });
    },

    /** Seconds `from`…`to` of the activity: drawn at full detail for that range, with its exact figures. */
    async activityStreamsRange(a: Athlete, activityId: string, use: DataUse, from: number, to: number) {
      const row = await readable(a, activityId, use);
      if (!row) return null;
      const track = row.streams ? decodeTrack(row.streams, row.sport, row.distanceM) : null;
      if (!track) return null;
      const figures: RangeFigures = rangeFigures(track, from, to);
      return { activityId: row.id, series: drawSeries(track, figures.from, figures.to), figures };
    },
  };
}

function distanceKind(track: ActivityTrack): 'recorded' | 'from_speed' | 'none' {
  if (track.distanceM[track.n - 1]! - track.distanceM[0]! <= 0) return 'none';
  return track.distanceFromSpeed ? 'from_speed' : 'recorded';
}

export type ActivityStreamsService = ReturnType<typeof createActivityStreamsService>;
