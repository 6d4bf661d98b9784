// Privacy zones (ADR 082): which parts of a shared activity's map others may see. The athlete's settings
// (ends hidden, address zones) become a per-activity CutPlan derived from a server secret; the plan is
// applied to the track in privacy-cut.ts. A plan never leaves the server: viewers get the cut track only.
//
// Why the extra cut is biased and wide: cut points of many activities trace the hidden circle. A cut symmetric
// around home averages out onto home; one stable shift is undone by "2 × centroid − circle centre". So each
// activity draws its own wide disc, pushed towards a secret per-place direction: every estimate then converges
// slowly, roughly as the disc size over √runs (ADR 082, issue 55). Nothing stops it converging altogether.
import { type LatLon, metresBetween, offsetBy } from '../../lib/geo';

/** The first and last 200 m are hidden from the first share on (the domain reference's default). */
export const DEFAULT_ENDS_M = 200;
/** The athlete may hide more of each end, up to a mile, or the whole map; never less than the default. */
export const ENDS_RANGE_M = { min: DEFAULT_ENDS_M, max: 1609 } as const;
/** An address zone's radius, as the athlete picks it (Strava's range). */
export const ZONE_RADIUS_RANGE_M = { min: 200, max: 1609 } as const;

export type EndsSetting = { kind: 'metres'; metres: number } | { kind: 'whole_map' };

export interface AddressZone {
  /** Stable id: the zone's secret offset is derived from it, so it must not change when the zone is edited. */
  id: string;
  lat: number;
  lon: number;
  radiusM: number;
}

export interface PrivacySettings {
  ends: EndsSetting;
  zones: readonly AddressZone[];
}

export const DEFAULT_PRIVACY: PrivacySettings = { ends: { kind: 'metres', metres: DEFAULT_ENDS_M }, zones: [] };

/** A disc of the map no viewer sees. */
export interface HiddenDisc {
  lat: number;
  lon: number;
  radiusM: number;
}

/** What is cut from one activity: derived per activity, applied by `cutTrack`. */
export interface CutPlan {
  wholeMap: boolean;
  /** Metres along the track hidden at each end whatever else applies. */
  endsM: number;
  /** The extra cut at each end: every point inside this disc is hidden, anywhere on the track (null: no extra cut). */
  start: HiddenDisc | null;
  end: HiddenDisc | null;
  /** Every point inside one of these is hidden, anywhere on the track. */
  zones: HiddenDisc[];
}

/** A decoy shift: how far and which way a hidden disc's centre is pushed from the place it protects. */
export interface Bias {
  distanceM: number;
  bearingRad: number;
}

// The stable shift is 1.2–1.8 × the radius. Each activity then draws its own disc (issue 55): a radius of 2–6 ×
// the protected radius, its centre pushed up to 70 % of the room (radius − protected radius) towards the stable
// direction and the rest uniformly at random. A shift that is only stable is undone by "2 × centroid − circle
// centre" (exits average to home plus half the shift); the wide per-activity spread is what makes every estimate
// converge slowly (ADR 082: about 3 × the old miss at 12 and at 50 runs). No choice stops convergence altogether.
const STABLE_SHIFT = { min: 1.2, max: 1.8 } as const;
const DISC_RADIUS = { min: 2, max: 6 } as const;
const STABLE_PART = 0.7;
/** Ends are biased per place: a 0.02° cell (~2 km), so a bias learnt at a public trailhead says nothing about home. */
const PLACE_CELL_DEG = 0.02;

/** Uniform draws in [0, 1) from HMAC-SHA-256(secret, message): stable for a message, unpredictable without the secret. */
export async function secretDraws(secret: string, message: string): Promise<number[]> {
  const enc = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', enc.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new DataView(await crypto.subtle.sign('HMAC', key, enc.encode(message)));
  return Array.from({ length: 8 }, (_, i) => mac.getUint32(i * 4) / 2 ** 32);
}

const between = (u: number, r: { min: number; max: number }) => r.min + u * (r.max - r.min);

/** The stable shift of a place protected with `radiusM`, from two draws. */
export function stableBias(draws: readonly number[], radiusM: number): Bias {
  return { distanceM: between(draws[0]!, STABLE_SHIFT) * radiusM, bearingRad: draws[1]! * 2 * Math.PI };
}

/** The disc hiding `radiusM` around `anchor`, its centre shifted by `bias`: it always contains the whole protected disc. */
export function discAround(anchor: LatLon, radiusM: number, bias: Bias, slackM = 0): HiddenDisc {
  const c = offsetBy(anchor, bias.distanceM, bias.bearingRad);
  return { lat: c.lat, lon: c.lon, radiusM: radiusM + bias.distanceM + slackM };
}

/**
 * One activity's disc around `anchor`, from that activity's own draws: it always contains the whole protected
 * disc (the centre is at most radius − protected radius away), so no visible point is within `radiusM`.
 */
export function activityDisc(anchor: LatLon, radiusM: number, stable: Bias, draws: readonly number[]): HiddenDisc {
  const discM = radiusM * between(draws[0]!, DISC_RADIUS);
  const room = discM - radiusM;
  const toward = Math.min(room * STABLE_PART, stable.distanceM);
  // Uniform over the rest of the room: sqrt for equal area, so the centres do not crowd the middle.
  const spread = (room - toward) * Math.sqrt(draws[1]!);
  const angle = draws[2]! * 2 * Math.PI;
  const x = toward * Math.cos(stable.bearingRad) + spread * Math.cos(angle);
  const y = toward * Math.sin(stable.bearingRad) + spread * Math.sin(angle);
  const c = offsetBy(anchor, Math.hypot(x, y), Math.atan2(y, x));
  return { lat: c.lat, lon: c.lon, radiusM: discM };
}

const cellOf = (p: LatLon) => `${Math.floor(p.lat / PLACE_CELL_DEG)}:${Math.floor(p.lon / PLACE_CELL_DEG)}`;
const clampEnds = (m: number) => Math.min(ENDS_RANGE_M.max, Math.max(ENDS_RANGE_M.min, m));

export interface PlanInput {
  /** The server's privacy secret (never sent to anyone). */
  secret: string;
  athleteId: string;
  activityId: string;
  settings: PrivacySettings;
  /** The track's first and last positions (the places the ends protect). */
  first: LatLon;
  last: LatLon;
}

/**
 * The cut plan of one shared activity. Address zones get their stable offset from (secret, zone id) and
 * each activity its own variation from (secret, zone id, activity id); each end gets the same from its
 * place's cell, or, when it lies at an address (within its zone's radius), that zone's direction: two
 * biases around one place pointing different ways could cancel out.
 */
export async function planCuts(input: PlanInput): Promise<CutPlan> {
  const { secret, athleteId, activityId, settings } = input;
  if (settings.ends.kind === 'whole_map') return { wholeMap: true, endsM: 0, start: null, end: null, zones: [] };
  const endsM = clampEnds(settings.ends.metres);
  const zones: HiddenDisc[] = [];
  const places: { zone: AddressZone; radius: number; stable: Bias }[] = [];
  for (const zone of settings.zones) {
    const radius = Math.min(ZONE_RADIUS_RANGE_M.max, Math.max(ZONE_RADIUS_RANGE_M.min, zone.radiusM));
    const stable = stableBias(await secretDraws(secret, `zone\u0000${zone.id}`), radius);
    places.push({ zone, radius, stable });
    zones.push(activityDisc(zone, radius, stable, await secretDraws(secret, `zone\u0000${zone.id}\u0000${activityId}`)));
  }
  const endDisc = async (p: LatLon, which: 'start' | 'end'): Promise<HiddenDisc> => {
    const at = places.find((z) => metresBetween(z.zone, p) <= z.radius);
    const stable = at
      ? { distanceM: (at.stable.distanceM / at.radius) * endsM, bearingRad: at.stable.bearingRad }
      : stableBias(await secretDraws(secret, `ends\u0000${athleteId}\u0000${cellOf(p)}`), endsM);
    return activityDisc(p, endsM, stable, await secretDraws(secret, `ends\u0000${athleteId}\u0000${activityId}\u0000${which}`));
  };
  return { wholeMap: false, endsM, start: await endDisc(input.first, 'start'), end: await endDisc(input.last, 'end'), zones };
}
