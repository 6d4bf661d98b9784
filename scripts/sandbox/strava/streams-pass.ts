// A pass over an activity's moving seconds (streams-run.ts, streams-ride.ts): what it reads and what it yields.
import type { ActivityPlan } from './generator.ts';

export interface PassContext {
  seed: number;
  plan: ActivityPlan;
  /** Moving seconds (the plan's movingTime). */
  M: number;
  /** Moving seconds at which the athlete sets off again after a stop. */
  restarts: Set<number>;
  /** The terrain's grade after `d` metres. */
  slope: (d: number) => number;
}

export interface Pass {
  speed: Float64Array;
  /** Position (m, along the terrain) at the end of each moving second. */
  pos: Float64Array;
  power: Float64Array | null;
}
