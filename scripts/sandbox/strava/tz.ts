// Seeded randomness and time-zone arithmetic for the Strava sandbox. Pure: no I/O, no clock.
// Offsets come from Intl (the runtime's tz database), so DST is right without a library.
import { mulberry32 } from '../../../worker/lib/random.ts';

/** Seeded uniform numbers in [0, 1): the same seed, the same data every time. */
export const prng = mulberry32;

/** Mixes several integers into one 32-bit seed (ids can exceed 2^32, so both halves are folded in). */
export function seedOf(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const p of parts) {
    for (const half of [Math.floor(p / 4294967296), p >>> 0]) {
      h = Math.imul(h ^ (half >>> 0), 0x01000193) >>> 0;
      h = Math.imul(h ^ (h >>> 13), 0x5bd1e995) >>> 0;
    }
  }
  return h >>> 0;
}

export type Rand = () => number;
export const between = (r: Rand, lo: number, hi: number): number => lo + (hi - lo) * r();
export const intBetween = (r: Rand, lo: number, hi: number): number => Math.floor(between(r, lo, hi + 1));
export const pick = <T>(r: Rand, items: readonly T[]): T => items[Math.floor(r() * items.length)] as T;
/** Standard normal via Box–Muller (one value per call; the twin is dropped for simplicity). */
export const gauss = (r: Rand): number => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());

export const round = (n: number, digits = 0): number => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};

/** Home places: a time zone with and without DST on both hemispheres, plus where the GPS tracks start. */
export const PLACES = [
  { tz: 'Europe/London', city: 'London', state: 'England', country: 'United Kingdom', lat: 51.5412, lng: -0.1436, alt: 35 },
  { tz: 'America/New_York', city: 'Brooklyn', state: 'NY', country: 'United States', lat: 40.6602, lng: -73.969, alt: 20 },
  { tz: 'Australia/Sydney', city: 'Sydney', state: 'NSW', country: 'Australia', lat: -33.8915, lng: 151.2767, alt: 25 },
  { tz: 'America/Los_Angeles', city: 'Oakland', state: 'CA', country: 'United States', lat: 37.8044, lng: -122.2712, alt: 60 },
  { tz: 'Europe/Berlin', city: 'Berlin', state: 'Berlin', country: 'Germany', lat: 52.5145, lng: 13.3501, alt: 40 },
  { tz: 'Asia/Tokyo', city: 'Tokyo', state: 'Tokyo', country: 'Japan', lat: 35.6852, lng: 139.7528, alt: 30 },
  { tz: 'America/Denver', city: 'Boulder', state: 'CO', country: 'United States', lat: 40.015, lng: -105.2705, alt: 1650 },
] as const;
export type Place = (typeof PLACES)[number];

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** Offset of `tz` from UTC at the instant `utcMs`, in seconds (e.g. -14400 for New York in summer). */
export function offsetSeconds(tz: string, utcMs: number): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(tz).formatToParts(new Date(utcMs))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return Math.round((wall - Math.floor(utcMs / 1000) * 1000) / 1000);
}

/** The UTC instant of a local wall-clock time; two passes settle the offset across a DST change. */
export function localToUtcMs(tz: string, wallMs: number): number {
  let utc = wallMs - offsetSeconds(tz, wallMs) * 1000;
  utc = wallMs - offsetSeconds(tz, utc) * 1000;
  return utc;
}

/** Strava's label uses the zone's standard (winter) offset even in summer: "(GMT-08:00) America/Los_Angeles". */
export function stravaTimezoneLabel(tz: string, utcMs: number): string {
  const year = new Date(utcMs).getUTCFullYear();
  const std = Math.min(offsetSeconds(tz, Date.UTC(year, 0, 1)), offsetSeconds(tz, Date.UTC(year, 6, 1)));
  const sign = std < 0 ? '-' : '+';
  const abs = Math.abs(std);
  const hh = String(Math.floor(abs / 3600)).padStart(2, '0');
  const mm = String(Math.floor((abs % 3600) / 60)).padStart(2, '0');
  return `(GMT${sign}${hh}:${mm}) ${tz}`;
}

/** ISO 8601 without milliseconds: "2018-05-02T12:15:09Z". */
export const isoSeconds = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/** Strava's start_date_local: the local wall time written with a (misleading) "Z", as in its examples. */
export const localIso = (utcMs: number, offsetSec: number): string => isoSeconds(utcMs + offsetSec * 1000);
