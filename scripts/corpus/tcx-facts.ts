// TCX facts: activities, their laps' own totals and the trackpoints (read with the tag scanner).
import { round } from './common.ts';
import { scanXml } from './xml-scan.ts';

export type TcxActivityFacts = ReturnType<typeof decodeTcx>['activities'][number];

interface TcxLap {
  startTime: string | null;
  totalTimeS: number | null;
  distanceM: number | null;
  avgHr: number | null;
  maxHr: number | null;
}

export function decodeTcx(text: string) {
  const acts: {
    sport: string | null;
    id: string | null;
    laps: TcxLap[];
    points: number;
    untimed: number;
    times: number[];
    hr: number[];
  }[] = [];
  let inPoint = false;
  let pointTimed = false;
  const root = scanXml(text, {
    open(name, attrs, path) {
      if (name === 'Activity' && path[path.length - 1] === 'Activities')
        acts.push({ sport: attrs.Sport ?? null, id: null, laps: [], points: 0, untimed: 0, times: [], hr: [] });
      const act = acts[acts.length - 1];
      if (!act) return;
      if (name === 'Lap')
        act.laps.push({ startTime: attrs.StartTime ?? null, totalTimeS: null, distanceM: null, avgHr: null, maxHr: null });
      else if (name === 'Trackpoint') {
        inPoint = true;
        pointTimed = false;
        act.points += 1;
      }
    },
    close(name, body, path) {
      const act = acts[acts.length - 1];
      if (!act) return;
      const parent = path[path.length - 1];
      const grand = path[path.length - 2];
      const lap = act.laps[act.laps.length - 1];
      const n = body === '' ? Number.NaN : Number(body);
      if (name === 'Trackpoint') {
        if (!pointTimed) act.untimed += 1;
        inPoint = false;
      } else if (inPoint) {
        if (name === 'Time' && parent === 'Trackpoint') {
          const ms = Date.parse(body);
          if (Number.isFinite(ms)) {
            act.times.push(ms);
            pointTimed = true;
          }
        } else if (name === 'Value' && parent === 'HeartRateBpm' && Number.isFinite(n)) act.hr.push(n);
      } else if (name === 'Id' && parent === 'Activity') act.id = body;
      else if (lap && parent === 'Lap' && Number.isFinite(n)) {
        if (name === 'TotalTimeSeconds') lap.totalTimeS = n;
        else if (name === 'DistanceMeters') lap.distanceM = n;
      } else if (lap && grand === 'Lap' && name === 'Value' && Number.isFinite(n)) {
        if (parent === 'AverageHeartRateBpm') lap.avgHr = n;
        else if (parent === 'MaximumHeartRateBpm') lap.maxHr = n;
      }
    },
  });

  const activityFacts = acts.map((a) => {
    const sum = (pick: (l: TcxLap) => number | null) => round(a.laps.reduce((s, l) => s + (pick(l) ?? 0), 0));
    const hrLaps = a.laps.filter((l) => l.avgHr !== null && l.totalTimeS !== null && l.totalTimeS > 0);
    const hrTime = hrLaps.reduce((s, l) => s + (l.totalTimeS ?? 0), 0);
    const lapMax = a.laps.map((l) => l.maxHr).filter((v): v is number => v !== null);
    const gaps: number[] = [];
    for (let i = 1; i < a.times.length; i++) gaps.push((a.times[i]! - a.times[i - 1]!) / 1000);
    gaps.sort((x, y) => x - y);
    return {
      sport: a.sport,
      id: a.id,
      laps: a.laps.length,
      lapTotalTimeS: sum((l) => l.totalTimeS),
      lapDistanceM: sum((l) => l.distanceM),
      lapHrWeighted: hrTime ? round(hrLaps.reduce((s, l) => s + (l.avgHr ?? 0) * (l.totalTimeS ?? 0), 0) / hrTime) : null,
      lapMaxHr: lapMax.length ? Math.max(...lapMax) : null,
      firstLapStart: a.laps[0]?.startTime ?? null,
      trackpoints: a.points,
      trackpointsWithoutTime: a.untimed,
      firstPointTime: a.times.length ? new Date(a.times[0]!).toISOString() : null,
      lastPointTime: a.times.length ? new Date(a.times[a.times.length - 1]!).toISOString() : null,
      medianIntervalS: gaps.length ? gaps[Math.floor(gaps.length / 2)] : null,
      pointHrMax: a.hr.length ? Math.max(...a.hr) : null,
    };
  });
  return { root, activities: activityFacts };
}
