// The training page's locked controls follow the table the plan API gates on: for every tier, a control
// is locked exactly when one of its actions needs a feature the tier lacks, every action the API offers
// has a control, and no drawer ever offers a Free athlete a control the API would refuse.
import { describe, expect, it } from 'vitest';
import { ATHLETE_TIERS, entitlementsOf } from '../../../worker/features/membership/entitlements';
import { bucketFeature, WORKOUT_ACTION_NAMES, WORKOUT_ACTIONS } from '../../../worker/features/plans/control/workout-access';
import { controlLock, drawerControls, isGated, PLAN_CONTROLS, type PlanControl, planLocks, splitControls } from './plan-locks';

const CONTROLS = Object.keys(PLAN_CONTROLS) as PlanControl[];
const locksOf = (tier: (typeof ATHLETE_TIERS)[number]) => planLocks(entitlementsOf(tier).features);

// Every state a drawer can show: planned, missed, completed; skipped or not; a session or a rest day.
const WORKOUTS = ['planned', 'missed', 'completed'].flatMap((status) =>
  [false, true].flatMap((skipped) => ['run', 'rest'].map((sport) => ({ status, skipped, sport }))),
);

describe('the plan’s locked controls', () => {
  it('lock, per tier, exactly the actions whose bucket needs a feature the tier lacks', () => {
    for (const tier of ATHLETE_TIERS) {
      const { features } = entitlementsOf(tier);
      const expected = Object.fromEntries(
        WORKOUT_ACTION_NAMES.flatMap((a) => {
          const f = bucketFeature(WORKOUT_ACTIONS[a]);
          return f && !features[f] ? [[a, f]] : [];
        }),
      );
      expect(locksOf(tier), tier).toEqual(expected);
    }
    // Spelled out once for Free: the soft skip and its way back are open, everything else is Pro's.
    expect(Object.keys(locksOf('free')).sort()).toEqual(['add', 'adjust', 'auto', 'edit', 'link', 'move', 'swap', 'unlink']);
    expect(locksOf('pro')).toEqual({});
  });

  it('give every action the API offers a control on the page (delete is the API’s name for a skip)', () => {
    const covered = new Set<string>(CONTROLS.flatMap((c) => PLAN_CONTROLS[c].actions));
    expect(WORKOUT_ACTION_NAMES.filter((a) => !covered.has(a))).toEqual(['delete']);
    // A control's actions share one gate, so one lock says the truth about all of them.
    for (const c of CONTROLS) expect(new Set(PLAN_CONTROLS[c].actions.map((a) => bucketFeature(WORKOUT_ACTIONS[a]))).size, c).toBe(1);
  });

  it('never offer a Free athlete a gated control in any drawer, and list each one locked with its line', () => {
    const free = locksOf('free');
    for (const w of WORKOUTS) {
      const shown = drawerControls(w);
      const { open, locked } = splitControls(shown, free);
      const label = JSON.stringify(w);
      expect(open.filter(isGated), label).toEqual([]);
      expect(
        locked.map((l) => l.control),
        label,
      ).toEqual(shown.filter(isGated));
      for (const l of locked) {
        expect(l.feature, label).toBe('workout_control');
        expect(PLAN_CONTROLS[l.control].line.length, label).toBeGreaterThan(10);
      }
    }
    // The drawer of a planned session shows all four of Pro's controls locked, and skip open.
    const planned = splitControls(drawerControls({ status: 'planned', skipped: false, sport: 'run' }), free);
    expect(planned.open).toEqual(['skip']);
    expect(planned.locked.map((l) => l.control)).toEqual(['edit', 'move', 'swap', 'relink']);
  });

  it('lock nothing on Pro and Elite, so their drawers offer every control', () => {
    for (const tier of ['pro', 'elite'] as const) {
      for (const c of CONTROLS) expect(controlLock(c, locksOf(tier)), `${tier} ${c}`).toBeNull();
      for (const w of WORKOUTS) expect(splitControls(drawerControls(w), locksOf(tier)).locked, tier).toEqual([]);
    }
  });

  it('shows a completed workout only its match to change, and a rest day nothing to link', () => {
    expect(drawerControls({ status: 'completed', skipped: false, sport: 'run' })).toEqual(['relink']);
    expect(drawerControls({ status: 'planned', skipped: true, sport: 'run' })).toEqual(['restore', 'move', 'swap', 'relink']);
    expect(drawerControls({ status: 'planned', skipped: false, sport: 'rest' })).toEqual(['skip', 'edit', 'move', 'swap']);
  });
});
