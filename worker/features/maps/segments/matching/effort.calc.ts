// An effort's averages over its seconds, from the activity's streams. Pure.
import type { ActivityStreams } from '../../../../db/schema/activity-columns';

export interface EffortAverages {
  avgPowerW: number | null;
  avgHr: number | null;
  avgSpeedMs: number | null;
}

/**
 * The mean of each channel's samples at seconds startS…endS, null when the stream lacks the channel or has no
 * sample there. Zeros count (coasting is 0 W); seconds a sensor sent nothing (`missing`) do not (ADR 063).
 */
export function effortAverages(streams: ActivityStreams, startS: number, endS: number): EffortAverages {
  const mean = (values: number[] | undefined, scale: number, gaps: [number, number][] = []) => {
    if (!values || values.length !== streams.t.length) return null;
    let sum = 0;
    let count = 0;
    for (let i = 0; i < streams.t.length; i++) {
      const t = streams.t[i]!;
      if (t < startS || t > endS || !Number.isFinite(values[i])) continue;
      if (gaps.some(([from, to]) => t >= from && t < to)) continue;
      sum += values[i]!;
      count++;
    }
    return count ? Math.round((sum / count) * scale * 100) / 100 : null;
  };
  return {
    avgPowerW: mean(streams.power, 1, streams.missing?.power),
    avgHr: mean(streams.hr, 1, streams.missing?.hr),
    avgSpeedMs: mean(streams.speedCms, 0.01),
  };
}
