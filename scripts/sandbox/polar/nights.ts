// A Polar user's nights as AccessLink serves them: `GET /v3/users/sleep` ({ nights: [sleep] }) and
// `GET /v3/users/nightly-recharge` ({ recharges: [nightly-recharge] }), fields as Polar's OpenAPI description names
// them. Deterministic per user and date; only the last 28 days before the sandbox's now are listed (Polar's rule),
// and a few nights are missing, as when the watch was off the wrist.
/** AccessLink lists sleep and Nightly Recharge for the last 28 days. */
export const NIGHT_WINDOW_DAYS = 28;
const DAY_MS = 86_400_000;

/** A number in [0, 1) from the user, the date and a salt (FNV-1a). */
function unit(userId: number, date: string, salt: string): number {
  let h = 0x811c9dc5;
  for (const ch of `${userId}:${date}:${salt}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h / 2 ** 32;
}

const between = (u: number, lo: number, hi: number) => Math.round(lo + u * (hi - lo));
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The dates listed at `nowMs`: the 28 days ending today (UTC), newest last; a night dated 28+ days ago is gone. */
export function listedDates(nowMs: number): string[] {
  const today = Date.parse(`${isoDate(nowMs)}T00:00:00Z`);
  return Array.from({ length: NIGHT_WINDOW_DAYS }, (_, i) => isoDate(today - (NIGHT_WINDOW_DAYS - 1 - i) * DAY_MS));
}

/** Whether the user wore the watch that night (about one night in eleven without). */
const worn = (userId: number, date: string) => unit(userId, date, 'worn') >= 0.09;

/** One night's sleep, in Polar's wire format (times with the user's offset, here UTC+02:00). */
export function sleepNight(userId: number, date: string, origin: string): Record<string, unknown> {
  const u = (salt: string) => unit(userId, date, salt);
  const light = between(u('light'), 14_400, 18_000);
  const deep = between(u('deep'), 3_600, 6_300);
  const rem = between(u('rem'), 4_500, 7_200);
  const unrecognized = between(u('unrec'), 0, 600);
  const interruptions = between(u('int'), 900, 3_000);
  const wakeMs = Date.parse(`${date}T04:30:00Z`) + between(u('wake'), 0, 5_400) * 1000;
  const startMs = wakeMs - (light + deep + rem + unrecognized + interruptions) * 1000;
  const local = (ms: number) => `${new Date(ms + 2 * 3_600_000).toISOString().slice(0, 19)}+02:00`;
  const score = between(u('score'), 58, 91);
  return {
    polar_user: `${origin}/polar/accesslink/v3/users/${userId}`,
    date,
    sleep_start_time: local(startMs),
    sleep_end_time: local(wakeMs),
    device_id: `${(userId % 0xffff).toString(16).toUpperCase().padStart(4, '0')}AAAA`,
    continuity: Math.round((2 + u('cont') * 3) * 10) / 10,
    continuity_class: between(u('cont'), 2, 5),
    light_sleep: light,
    deep_sleep: deep,
    rem_sleep: rem,
    unrecognized_sleep_stage: unrecognized,
    sleep_score: score,
    total_interruption_duration: interruptions,
    sleep_charge: between(u('charge'), 1, 5),
    sleep_goal: 28_800,
    sleep_rating: 0,
    short_interruption_duration: Math.round(interruptions * 0.6),
    long_interruption_duration: Math.round(interruptions * 0.4),
    sleep_cycles: between(u('cycles'), 4, 6),
    group_duration_score: Math.min(100, score + 8),
    group_solidity_score: Math.max(1, score - 5),
    group_regeneration_score: score,
    hypnogram: { [local(startMs).slice(11, 16)]: 2 },
    heart_rate_samples: { [local(startMs + 120_000).slice(11, 16)]: between(u('hr'), 48, 60) },
  };
}

/** One night's Nightly Recharge (about one worn night in seven has none: the 4 hours were not measured). */
export function rechargeNight(userId: number, date: string, origin: string): Record<string, unknown> | null {
  const u = (salt: string) => unit(userId, date, salt);
  if (u('recharge') < 0.14) return null;
  const hr = between(u('rhr'), 46, 58);
  return {
    polar_user: `${origin}/polar/accesslink/v3/users/${userId}`,
    date,
    heart_rate_avg: hr,
    beat_to_beat_avg: Math.round(60_000 / hr),
    heart_rate_variability_avg: between(u('hrv'), 38, 82),
    breathing_rate_avg: Math.round((12.5 + u('br') * 3) * 10) / 10,
    nightly_recharge_status: between(u('status'), 2, 6),
    ans_charge: Math.round((u('ans') * 12 - 6) * 10) / 10,
    ans_charge_status: between(u('ans'), 1, 5),
    hrv_samples: { '00:41': between(u('hrv'), 38, 82) },
    breathing_samples: { '00:39': 13.4 },
  };
}

/** What the two list endpoints answer for a user at `nowMs`. */
export function nightsOf(userId: number, nowMs: number, origin: string) {
  const dates = listedDates(nowMs).filter((d) => worn(userId, d));
  return {
    sleep: { nights: dates.map((d) => sleepNight(userId, d, origin)) },
    recharge: { recharges: dates.flatMap((d) => rechargeNight(userId, d, origin) ?? []) },
  };
}
