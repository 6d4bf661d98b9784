// Bundled by streams.bench.ts (esbuild): the 4-hour ride goes in through the worker's own write path
// (plausibility, derived facts, load), as a file import would store it.
import type { ActivityInput } from '../worker/features/activities';
import { deltaEncode } from '../worker/lib/delta-code';
import { mulberry32 } from '../worker/lib/random';

export { connect } from './analytics.entry';

/**
 * A 4-hour ride recorded at 1 Hz (14,400 samples): heart rate, power, speed, cadence and altitude, the
 * device's distance and a position every second (a wandering 110 km loop), with sweet-spot blocks, a
 * café stop of 10 minutes standing still, and a power meter's second-to-second noise.
 */
export function fourHourRide(day: string): ActivityInput {
  const n = 14_400;
  const r = mulberry32(4);
  const t: number[] = [];
  const hr: number[] = [];
  const power: number[] = [];
  const speed: number[] = [];
  const cadence: number[] = [];
  const alt: number[] = [];
  const dist: number[] = [];
  const lat: number[] = [];
  const lng: number[] = [];
  let x = 0;
  let h = 130;
  const loop = 110_000;
  for (let i = 0; i < n; i++) {
    const stopped = i >= 7200 && i < 7800;
    const block = Math.floor(i / 1200) % 3 === 1;
    const grade = 0.03 * Math.sin((2 * Math.PI * x) / 9000) + 0.015 * Math.sin((2 * Math.PI * x) / 2300);
    const w = stopped ? 0 : Math.max(0, (block ? 240 : 170) * (1 + 2 * grade) + 25 * (r() - 0.5) + (r() < 0.02 ? -150 : 0));
    const v = stopped ? 0 : Math.max(2, 8.2 - 60 * grade + (w - 180) / 60 + 0.4 * (r() - 0.5));
    h += ((stopped ? 100 : 95 + w * 0.3 + i / 480) - h) / 30;
    x += v;
    const th = (2 * Math.PI * x) / loop;
    const radius = (loop / (2 * Math.PI)) * (1 + 0.2 * Math.sin(2 * th) + 0.1 * Math.sin(5 * th));
    t.push(i);
    hr.push(Math.round(h + 2 * (r() - 0.5)));
    power.push(Math.round(w));
    speed.push(Math.round(v * 100));
    cadence.push(stopped || w === 0 ? 0 : Math.round(88 + 6 * (r() - 0.5)));
    alt.push(Math.round((200 + 120 * Math.cos((2 * Math.PI * x) / 9000) + 30 * Math.cos((2 * Math.PI * x) / 2300)) * 10));
    dist.push(Math.round(x * 10));
    lat.push(Math.round((46.05 + (radius * (1 - Math.cos(th))) / 111_320) * 1e6));
    lng.push(Math.round((14.5 + (radius * Math.sin(th)) / 77_000) * 1e6));
  }
  const moving = n - 600;
  return {
    source: 'fit_upload',
    externalId: `bench-4h-ride-${day}`,
    sport: 'ride',
    sportOriginal: 'cycling',
    name: 'Bench: 4-hour ride',
    startTime: new Date(`${day}T07:00:00Z`),
    localStartDate: day,
    timezone: 'UTC',
    movingTimeS: moving,
    elapsedTimeS: n - 1,
    distanceM: Math.round(x),
    elevationGainM: null,
    avgHr: Math.round(hr.reduce((a, b) => a + b, 0) / n),
    maxHr: Math.max(...hr),
    avgPower: Math.round(power.reduce((a, b) => a + b, 0) / n),
    detailComplete: true,
    laps: [0, 1, 2, 3].map((k) => ({
      index: k,
      startTime: new Date(Date.parse(`${day}T07:00:00Z`) + k * 3_600_000).toISOString(),
      elapsedS: 3600,
    })),
    streams: {
      t,
      hr,
      power,
      speedCms: speed,
      cadence,
      altitudeDm: alt,
      distanceDmDelta: deltaEncode(dist),
      latE6Delta: deltaEncode(lat),
      lngE6Delta: deltaEncode(lng),
    },
  };
}
