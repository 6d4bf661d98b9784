// curves: critical power and W′ (rides) and critical speed and D′ (runs) fitted on the athlete's best efforts of the
// model window, with each effort the fit rests on (duration, value, activity, local date). The `ai` sources only.
import { z } from 'zod';
import { AI_USE, defineTool, leftOut } from './mcp.kit';
import { ActivityId, LeftOut, LocalDate, TimeZone } from './mcp.schema';

const r = (x: number, dp: number) => Math.round(x * 10 ** dp) / 10 ** dp;

const Effort = z.object({
  duration_s: z.number().int(),
  power_w: z.number().nullable().describe('Rides: best mean power over the duration'),
  speed_m_per_s: z.number().nullable().describe('Runs: best mean speed over the duration'),
  activity_id: ActivityId,
  date: LocalDate,
});
const Model = z.object({
  fitted: z.boolean(),
  insufficient: z.string().nullable().describe('Why there is no fit yet (not enough maximal efforts)'),
  critical_power_w: z.number().nullable(),
  w_prime_j: z.number().nullable(),
  critical_speed_m_per_s: z.number().nullable(),
  critical_pace_s_per_km: z.number().nullable(),
  d_prime_m: z.number().nullable(),
  r2: z.number().nullable(),
  window: z.object({ from: LocalDate, to: LocalDate }),
  efforts: z.array(Effort).describe('The efforts the fit rests on (all the window’s, without a fit)'),
});

interface ModelIn {
  sport: 'ride' | 'run';
  span: { from: string; to: string };
  fit: { fit: { critical: number; reserve: number; r2: number } } | { insufficient: string };
  efforts: { durationS: number; value: number; activityId: string; date: string }[];
}

function present(m: ModelIn): z.infer<typeof Model> {
  const ride = m.sport === 'ride';
  const f = 'fit' in m.fit ? m.fit.fit : null;
  return {
    fitted: f !== null,
    insufficient: 'insufficient' in m.fit ? m.fit.insufficient : null,
    // Watts to 0.1 and r² to 4 places, as REST states them (MCP = REST, issue 59): a mean of 436.47 W is REST's
    // 436.5, which rounded again reads 437 against a tool's 436.
    critical_power_w: f && ride ? r(f.critical, 1) : null,
    w_prime_j: f && ride ? r(f.reserve, 0) : null,
    critical_speed_m_per_s: f && !ride ? r(f.critical, 3) : null,
    critical_pace_s_per_km: f && !ride && f.critical > 0 ? r(1000 / f.critical, 1) : null,
    d_prime_m: f && !ride ? r(f.reserve, 0) : null,
    r2: f ? r(f.r2, 4) : null,
    window: { from: m.span.from, to: m.span.to },
    efforts: m.efforts.map((e) => ({
      duration_s: e.durationS,
      power_w: ride ? r(e.value, 1) : null,
      speed_m_per_s: ride ? null : r(e.value, 3),
      activity_id: e.activityId,
      date: e.date,
    })),
  };
}

export const curvesTool = defineTool({
  name: 'curves',
  title: 'Critical power and speed (CP/W′, CS/D′)',
  description:
    'Critical power (W) and W′ (J) from rides, critical speed (m/s, and as pace in s/km) and D′ (m) from runs, fitted on the best efforts of the recent model window, with each effort the fit rests on (duration in seconds, the activity and its local date). Only activities Cadence may pass to an AI are counted; `left_out` says how many were not and why.',
  scope: 'analytics:read',
  input: z.object({}).strict(),
  output: z.object({ time_zone: TimeZone, ride: Model, run: Model, left_out: LeftOut }),
  async run(deps) {
    const [ride, run] = await Promise.all([
      deps.analytics.models(deps.athlete, 'ride', AI_USE),
      deps.analytics.models(deps.athlete, 'run', AI_USE),
    ]);
    return {
      time_zone: deps.athlete.timeZone,
      ride: present(ride as ModelIn),
      run: present(run as ModelIn),
      left_out: await leftOut(deps, { from: ride.span.from, to: ride.span.to }),
    };
  },
});
