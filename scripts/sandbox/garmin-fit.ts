// A sandbox activity as a FIT file, written with Garmin's official Encoder the way a watch or bike
// computer writes them (the messages themselves are in garmin-fit-messages.ts). Pure and
// deterministic; no `node:` imports, since tests import it in workerd.
import { Encoder } from '@garmin/fitsdk';
import { activityMesg, fitSport, lapMesg, MESG, SEMICIRCLES, sessionMesg, startMesgs, wholeActivity } from './garmin-fit-messages.ts';
import type { FitActivity, FitDevice, Mesg } from './garmin-fit-messages.ts';
import { cutByDistance, lapLength } from './strava/efforts.ts';
import type { Range } from './strava/efforts.ts';
import type { GeneratedActivity } from './strava/generator.ts';
import { buildStreams } from './strava/streams.ts';
import type { Streams } from './strava/streams.ts';

/**
 * One activity as a FIT file, in a device's message order: file_id, file_creator, device_info
 * (the device and its paired sensors), the timer start event, sport, records (with auto-pause, none
 * while stopped and timer stop/start events around each stop), a lap message after each auto-lap,
 * the timer stop, session and activity. Totals are the generator's own figures. `device` names another
 * maker's watch (the Polar sandbox's exports); the messages stay the same.
 */
export function activityFit(a: GeneratedActivity, streams: Streams = buildStreams(a.seed, a.plan), device?: FitDevice): Uint8Array {
  const s = streams;
  const plan = a.plan;
  const ride = plan.sport === 'Ride';
  const at = (i: number) => new Date(a.startMs + (s.time[i] ?? i) * 1000);
  const pos = (i: number): Mesg =>
    s.latlng
      ? {
          positionLat: Math.round((s.latlng[2 * i] ?? 0) * SEMICIRCLES),
          positionLong: Math.round((s.latlng[2 * i + 1] ?? 0) * SEMICIRCLES),
        }
      : {};
  // The streams say how the device was set: with auto-pause a stop leaves a gap in `time`; without
  // it the device keeps recording (speed 0) and its timer keeps running through the stop.
  let autoPause = false;
  for (let i = 1; i < s.n && !autoPause; i++) autoPause = (s.time[i] ?? i) - (s.time[i - 1] ?? i - 1) > 1;
  const timer = (r: { movingTime: number; elapsedTime: number }) => (autoPause ? r.movingTime : r.elapsedTime);
  const f: FitActivity = { a, s, ...fitSport(a), withPower: ride && plan.hasPowerMeter, at, pos, timer, device };
  const e = new Encoder();
  const write = (num: number, mesg: Mesg) => e.onMesg(num, mesg as never);

  for (const [num, mesg] of startMesgs(f)) write(num, mesg);

  const laps = cutByDistance(s, lapLength(plan));
  const lapEnds = new Set(laps.map((l) => l.endIndex));
  // The bike computer and Zwift record every second (power data wants it); the watch uses Garmin's
  // default "smart recording": a point when speed or heart rate changes, at least every 5 s.
  const everySecond = ride;
  let lastSpeed = Number.NaN;
  let lastHr = Number.NaN;
  let lastAt = Number.NEGATIVE_INFINITY;
  const keep = (i: number) => {
    if (everySecond || i === 0 || i === s.n - 1 || i - lastAt >= 5 || lapEnds.has(i) || lapEnds.has(i + 1)) return true;
    if (s.moving[i + 1] !== 1 || s.moving[i - 1] !== 1) return true; // around a stop
    if (Math.abs((s.velocity[i] ?? 0) - lastSpeed) >= 0.25) return true;
    return s.heartrate !== null && Math.abs((s.heartrate[i] ?? 0) - lastHr) >= 3;
  };
  let lapNo = 0;
  let nextLapEnd = laps[0]?.endIndex ?? s.n - 1;
  let paused = false;
  for (let i = 0; i < s.n; i++) {
    const moving = i === 0 || s.moving[i] === 1 || !autoPause;
    if (!moving) {
      // Auto-pause: the timer stops at the last moving second and nothing is written while stopped.
      if (!paused) write(MESG.EVENT, { timestamp: at(i - 1), event: 'timer', eventType: 'stopAll', eventGroup: 0 });
      paused = true;
    } else if (keep(i)) {
      if (paused) write(MESG.EVENT, { timestamp: at(i), event: 'timer', eventType: 'start', eventGroup: 0 });
      paused = false;
      lastAt = i;
      lastSpeed = s.velocity[i] ?? 0;
      lastHr = s.heartrate?.[i] ?? 0;
      write(MESG.RECORD, {
        timestamp: at(i),
        ...pos(i),
        distance: s.distance[i],
        enhancedSpeed: s.velocity[i],
        ...(s.altitude ? { enhancedAltitude: s.altitude[i] } : {}),
        ...(s.heartrate ? { heartRate: s.heartrate[i] } : {}),
        cadence: s.cadence[i],
        ...(f.withPower && s.watts ? { power: s.watts[i] } : {}),
      });
    }
    while (i === nextLapEnd && lapNo < laps.length) {
      write(MESG.LAP, lapMesg(f, laps[lapNo] as Range, lapNo, lapNo === laps.length - 1));
      lapNo++;
      nextLapEnd = laps[lapNo]?.endIndex ?? -1;
    }
  }
  if (!laps.length) write(MESG.LAP, lapMesg(f, wholeActivity(f), 0, true));
  write(MESG.EVENT, { timestamp: at(s.n - 1), event: 'timer', eventType: 'stopAll', eventGroup: 0 });
  write(MESG.SESSION, sessionMesg(f, Math.max(1, laps.length)));
  write(MESG.ACTIVITY, activityMesg(f));
  return e.close();
}
