// Deterministic sandbox athletes: everything about athlete N (name, home, fitness, habits) follows
// from N alone, so two sandbox runs (or two machines) agree without sharing state.
import { PLACES, between, intBetween, pick, prng, round, seedOf } from './tz.ts';
import type { Place } from './tz.ts';

export interface AthleteProfile {
  id: number;
  username: string;
  firstname: string;
  lastname: string;
  sex: 'M' | 'F';
  place: Place;
  /** Account creation, ms epoch (before any generated history). */
  createdAtMs: number;
  weight: number;
  ftp: number;
  maxHr: number;
  restHr: number;
  /** Running speed at lactate threshold, m/s (≈ 1-hour race pace). */
  thresholdSpeed: number;
  /** Steady pool-swim speed, m/s. */
  swimSpeed: number;
  /** Average sessions per week and the share of each sport. */
  perWeek: number;
  rideShare: number;
  swimShare: number;
  measurementPreference: 'meters' | 'feet';
}

const FIRST_F = ['Marianne', 'Aiko', 'Priya', 'Sofia', 'Chloé', 'Hannah', 'Grace', 'Zoë', 'Amara', 'Ingrid'];
const FIRST_M = ['Tomás', 'Kenji', 'Oliver', 'Mateo', 'Lukas', 'Samuel', 'Arjun', 'Noah', 'Björn', 'Kwame'];
const LAST = [
  'Teutenberg',
  'Okafor',
  'Nakamura',
  'García',
  'Müller',
  'O’Brien',
  'Kowalski',
  'Andersen',
  'Singh',
  'Lefèvre',
  'Smith',
  'Rossi',
];

/** Highest athlete id the sandbox accepts: keeps activity, lap and effort ids below 2^53. */
export const MAX_ATHLETE_ID = 9_999_999;

export function athleteProfile(id: number): AthleteProfile {
  const r = prng(seedOf(id, 0xa7));
  const sex = r() < 0.45 ? 'F' : 'M';
  const firstname = pick(r, sex === 'F' ? FIRST_F : FIRST_M);
  const lastname = pick(r, LAST);
  const place = PLACES[id % PLACES.length] as Place;
  const female = sex === 'F';
  return {
    id,
    username:
      `${firstname}_${lastname}`
        .normalize('NFD')
        .replace(/[^A-Za-z_]/g, '')
        .toLowerCase() +
      (id % 1000),
    firstname,
    lastname,
    sex,
    place,
    createdAtMs: Date.UTC(
      2014 + intBetween(r, 0, 8),
      intBetween(r, 0, 11),
      intBetween(r, 1, 28),
      intBetween(r, 0, 23),
      intBetween(r, 0, 59),
    ),
    weight: round(female ? between(r, 52, 68) : between(r, 63, 84), 1),
    ftp: Math.round(female ? between(r, 160, 250) : between(r, 200, 320)),
    maxHr: intBetween(r, 172, 198),
    restHr: intBetween(r, 40, 58),
    thresholdSpeed: round(female ? between(r, 3.2, 4.3) : between(r, 3.5, 4.7), 3),
    swimSpeed: round(between(r, 0.72, 1.1), 3),
    perWeek: round(between(r, 4, 7), 2),
    rideShare: round(between(r, 0.12, 0.3), 2),
    swimShare: round(between(r, 0.04, 0.12), 2),
    measurementPreference: place.country === 'United States' ? 'feet' : 'meters',
  };
}

const isoNoMs = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** SummaryAthlete, as in the OAuth token response (resource_state 2). */
export function athleteSummary(p: AthleteProfile): Record<string, unknown> {
  return {
    id: p.id,
    username: p.username,
    resource_state: 2,
    firstname: p.firstname,
    lastname: p.lastname,
    bio: '',
    city: p.place.city,
    state: p.place.state,
    country: p.place.country,
    sex: p.sex,
    premium: p.id % 3 === 0,
    summit: p.id % 3 === 0,
    created_at: isoNoMs(p.createdAtMs),
    updated_at: isoNoMs(p.createdAtMs + 86_400_000 * 400),
    badge_type_id: p.id % 3 === 0 ? 1 : 0,
    weight: p.weight,
    profile_medium: 'avatar/athlete/medium.png',
    profile: 'avatar/athlete/large.png',
    friend: null,
    follower: null,
  };
}

/** DetailedAthlete (GET /athlete, resource_state 3): the summary plus counts, preferences and gear. */
export function athleteDetail(p: AthleteProfile): Record<string, unknown> {
  return {
    ...athleteSummary(p),
    resource_state: 3,
    follower_count: p.id % 40,
    friend_count: p.id % 35,
    mutual_friend_count: 0,
    athlete_type: 0,
    date_preference: p.place.country === 'United States' ? '%m/%d/%Y' : '%d/%m/%Y',
    measurement_preference: p.measurementPreference,
    clubs: [],
    ftp: p.ftp,
    bikes: [{ id: bikeId(p.id), primary: true, name: 'Road bike', resource_state: 2, distance: 4_183_620 }],
    shoes: [
      { id: shoeId(p.id, 1), primary: true, name: 'Daily trainers', resource_state: 2, distance: 612_400 },
      { id: shoeId(p.id, 2), primary: false, name: 'Trail shoes', resource_state: 2, distance: 208_150 },
    ],
  };
}

export const bikeId = (athleteId: number) => `b${athleteId}01`;
export const shoeId = (athleteId: number, n: 1 | 2) => `g${athleteId}0${n}`;
