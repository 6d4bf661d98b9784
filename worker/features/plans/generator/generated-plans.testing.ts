// Plans generated once per input for the property files, which draw the same inputs for many properties.
import type { GeneratedPlan, GeneratorInput } from '../plans.types';
import { generatePlan } from './generate-plan';

/** Freezes a plan and everything in it: a property that changed a shared plan would throw, not mislead the next one. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

// generate-plan.property.test.ts draws the same inputs (one seed) for twelve properties, and generating is most of its CPU: each input's
// plan is generated once and read by every property (its determinism test checks that generating again gives the same plan).
const plans = new Map<string, GeneratedPlan>();
export function planFor(input: GeneratorInput): GeneratedPlan {
  const key = JSON.stringify(input);
  const known = plans.get(key);
  if (known) return known;
  const plan = deepFreeze(generatePlan(input));
  plans.set(key, plan);
  return plan;
}
