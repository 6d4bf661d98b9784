// Reading the values of a Strava archive's activities.csv: dates, numbers, yes/no, text, and
// Strava's activity types (ADR 037). The file is written for people, in the account's language and
// units, so every reader here is lenient and answers undefined rather than guessing.
import { type Sport, sportFromType } from '../../activities/index.ts';

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  mär: 3,
  apr: 4,
  may: 5,
  mai: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  okt: 10,
  nov: 11,
  dec: 12,
  dez: 12,
};

function utc(y: number, mo: number, d: number, h: number, mi: number, s: number, meridiem?: string): Date | undefined {
  let hour = h;
  if (meridiem) {
    if (hour < 1 || hour > 12) return undefined;
    const pm = meridiem.toLowerCase() === 'pm';
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || hour > 23 || mi > 59 || s > 60) return undefined;
  const date = new Date(Date.UTC(y, mo - 1, d, hour, mi, Math.min(s, 59)));
  // 31 February and the like roll over: refuse them.
  return date.getUTCDate() === d ? date : undefined;
}

/**
 * "Activity Date" is the start in UTC, written as the account's locale writes it: "May 9, 2023,
 * 10:09:29 AM" (English), "9 May 2023, 10:09:29", "20.09.2026, 14:12:12" (German), and
 * "2018-11-27 19:11:32" in the 2018 archives. Day/month orders that cannot be told apart
 * ("03/04/2024") are refused.
 */
export function parseArchiveDate(text: string): Date | undefined {
  const t = text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2}):(\d{2})/.exec(t);
  if (m) return utc(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  m = /^(\p{L}{3,})\.? (\d{1,2}),? (\d{4}),? (\d{1,2}):(\d{2}):(\d{2})(?: ?([AaPp][Mm]))?$/u.exec(t);
  if (m) {
    const month = MONTHS[m[1]!.slice(0, 3).toLowerCase()];
    return month ? utc(+m[3]!, month, +m[2]!, +m[4]!, +m[5]!, +m[6]!, m[7]) : undefined;
  }
  m = /^(\d{1,2})\.? (\p{L}{3,})\.? (\d{4}),? (\d{1,2}):(\d{2}):(\d{2})(?: ?([AaPp][Mm]))?$/u.exec(t);
  if (m) {
    const month = MONTHS[m[2]!.slice(0, 3).toLowerCase()];
    return month ? utc(+m[3]!, month, +m[1]!, +m[4]!, +m[5]!, +m[6]!, m[7]) : undefined;
  }
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4}),? (\d{1,2}):(\d{2}):(\d{2})$/.exec(t);
  if (m) return utc(+m[3]!, +m[2]!, +m[1]!, +m[4]!, +m[5]!, +m[6]!);
  return undefined;
}

/**
 * A number as the archive writes it: "200100.015625", "32.85", "" (absent) or, in a German export,
 * "10,20". With both separators the last one is the decimal point ("1,234.5", "1.234,5").
 */
export function parseArchiveNumber(text: string | undefined): number | undefined {
  let t = (text ?? '').replace(/[\s\u00a0\u202f]/g, '');
  if (!t) return undefined;
  const comma = t.lastIndexOf(',');
  const dot = t.lastIndexOf('.');
  if (comma >= 0 && dot >= 0) t = comma > dot ? t.replace(/\./g, '').replace(',', '.') : t.replace(/,/g, '');
  else if (comma >= 0) t = t.replace(',', '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/** "true"/"false" (the first Commute column), "1.0"/"0.0" (the second), German "wahr"/"falsch". */
export function parseArchiveBool(text: string | undefined): boolean | undefined {
  const t = (text ?? '').trim().toLowerCase();
  if (['true', '1', '1.0', 'yes', 'wahr', 'ja'].includes(t)) return true;
  if (['false', '0', '0.0', 'no', 'falsch', 'nein'].includes(t)) return false;
  return undefined;
}

/**
 * Free text from the archive (names, descriptions, gear): control characters other than line breaks
 * and tabs removed (Postgres refuses NUL), surrounding space trimmed; empty is absent.
 */
export function archiveText(text: string | undefined, max = 20_000): string | undefined {
  const t = (text ?? '')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .trim();
  return t ? t.slice(0, max) : undefined;
}

// Strava's activity types (the API's `sport_type` values, and the names the archive writes with
// spaces, "Virtual Ride", "Weight Training", "E-Bike Ride"), compared without spaces, hyphens or case.
const STRAVA_SPORTS: Record<string, Sport> = {
  run: 'run',
  trailrun: 'run',
  virtualrun: 'run',
  ride: 'ride',
  gravelride: 'ride',
  mountainbikeride: 'ride',
  ebikeride: 'ride',
  emountainbikeride: 'ride',
  virtualride: 'ride',
  velomobile: 'ride',
  handcycle: 'ride',
  swim: 'swim',
  walk: 'walk',
  hike: 'hike',
  snowshoe: 'hike',
  weighttraining: 'strength',
  crossfit: 'strength',
  workout: 'strength',
  highintensityintervaltraining: 'strength',
  hiit: 'strength',
};
// Strava types that are sports of their own: kept verbatim in sportOriginal, counted as "other".
const STRAVA_OTHER = new Set([
  'rowing',
  'virtualrow',
  'kayaking',
  'canoeing',
  'canoe',
  'standuppaddling',
  'surfing',
  'surf',
  'kitesurf',
  'windsurf',
  'sail',
  'alpineski',
  'backcountryski',
  'nordicski',
  'rollerski',
  'snowboard',
  'iceskate',
  'inlineskate',
  'skateboard',
  'rockclimbing',
  'rockclimb',
  'golf',
  'soccer',
  'tennis',
  'badminton',
  'pickleball',
  'padel',
  'racquetball',
  'squash',
  'tabletennis',
  'elliptical',
  'stairstepper',
  'yoga',
  'pilates',
  'wheelchair',
]);

/** Our sport family for one of Strava's activity types; a type we do not know falls back to the general rule. */
export function stravaSport(type: string): Sport {
  const key = type.toLowerCase().replace(/[\s_-]/g, '');
  const known = STRAVA_SPORTS[key];
  if (known) return known;
  if (STRAVA_OTHER.has(key)) return 'other';
  return sportFromType(type);
}

/** Whether a type is one Strava names (then it wins over what a file's device said). */
export function isStravaType(type: string): boolean {
  const key = type.toLowerCase().replace(/[\s_-]/g, '');
  return key in STRAVA_SPORTS || STRAVA_OTHER.has(key);
}
