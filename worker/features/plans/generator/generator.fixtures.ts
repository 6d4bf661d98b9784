// One believable athlete per goal kind, for the snapshot tests (and anyone who wants a sample plan).
import { addDays } from '../../../lib/dates';
import type { GeneratorInput, GoalKind } from '../plans.types';

const START = '2027-01-04'; // a Monday

interface Profile {
  weeks: number;
  days: number[];
  longDay: number;
  hours: number;
  ctl: number;
  recent: { run: number; bike: number; swim: number };
  longest: { run: number; bike: number; swim: number };
  age: number | null;
  strength?: boolean;
  intake?: boolean;
}

const PROFILES: Record<GoalKind, Profile> = {
  run_5k: {
    weeks: 10,
    days: [1, 3, 5, 6],
    longDay: 6,
    hours: 5,
    ctl: 30,
    recent: { run: 3.5, bike: 0, swim: 0 },
    longest: { run: 60, bike: 0, swim: 0 },
    age: 34,
  },
  run_10k: {
    weeks: 12,
    days: [0, 1, 3, 4, 6],
    longDay: 6,
    hours: 6,
    ctl: 40,
    recent: { run: 4.5, bike: 0, swim: 0 },
    longest: { run: 75, bike: 0, swim: 0 },
    age: 41,
  },
  run_half: {
    weeks: 14,
    days: [1, 2, 3, 5, 6],
    longDay: 6,
    hours: 7,
    ctl: 45,
    recent: { run: 5, bike: 0, swim: 0 },
    longest: { run: 90, bike: 0, swim: 0 },
    age: 52,
  },
  run_marathon: {
    weeks: 18,
    days: [0, 1, 2, 3, 4, 5, 6],
    longDay: 6,
    hours: 9,
    ctl: 55,
    recent: { run: 6, bike: 0, swim: 0 },
    longest: { run: 110, bike: 0, swim: 0 },
    age: 38,
    strength: true,
  },
  tri_sprint: {
    weeks: 12,
    days: [0, 1, 3, 5, 6],
    longDay: 5,
    hours: 6,
    ctl: 35,
    recent: { run: 2, bike: 2.5, swim: 1 },
    longest: { run: 50, bike: 90, swim: 30 },
    age: 29,
  },
  tri_olympic: {
    weeks: 16,
    days: [1, 2, 3, 4, 5, 6],
    longDay: 5,
    hours: 8,
    ctl: 45,
    recent: { run: 2.5, bike: 3.5, swim: 1.5 },
    longest: { run: 70, bike: 120, swim: 40 },
    age: 44,
  },
  tri_70_3: {
    weeks: 20,
    days: [1, 2, 3, 4, 5, 6],
    longDay: 5,
    hours: 11,
    ctl: 60,
    recent: { run: 3, bike: 4.5, swim: 1.5 },
    longest: { run: 90, bike: 180, swim: 45 },
    age: 39,
  },
  tri_full: {
    weeks: 24,
    days: [0, 1, 2, 3, 4, 5, 6],
    longDay: 5,
    hours: 14,
    ctl: 75,
    recent: { run: 4, bike: 6, swim: 2.5 },
    longest: { run: 120, bike: 240, swim: 60 },
    age: 47,
  },
  bike_event: {
    weeks: 14,
    days: [1, 2, 4, 5, 6],
    longDay: 5,
    hours: 8,
    ctl: 50,
    recent: { run: 0, bike: 6, swim: 0 },
    longest: { run: 0, bike: 180, swim: 0 },
    age: 56,
  },
  general_fitness: {
    weeks: 8,
    days: [0, 2, 4, 5, 6],
    longDay: 6,
    hours: 5,
    ctl: 20,
    recent: { run: 2, bike: 1.5, swim: 0 },
    longest: { run: 50, bike: 75, swim: 0 },
    age: 61,
    intake: true,
    strength: true,
  },
};

/** The sample athlete for a goal: a plan starting Monday 2027-01-04, the event on the last Sunday. */
export function sampleInput(kind: GoalKind): GeneratorInput {
  const p = PROFILES[kind];
  return {
    goal: { kind, eventDate: kind === 'general_fitness' ? null : addDays(START, p.weeks * 7 - 1), eventName: null },
    startDate: START,
    availableDays: p.days,
    longDay: p.longDay,
    hoursPerWeek: p.hours,
    fitness: { ctl: p.ctl, atl: p.ctl + 3, weeklyHours: p.recent, longestMinutes: p.longest, source: p.intake ? 'intake' : 'history' },
    age: p.age,
    includeStrength: p.strength === true,
  };
}
