// A plan request checked against the athlete's calendar and turned into the generator's input, and a
// generated plan shaped as its row: shared by creating a plan and rebuilding one.
import { addDays } from '../../lib/dates';
import { AppError, ErrorCode } from '../../lib/errors';
import type { Athlete } from '../analytics';
import type { FitnessInput, GeneratedPlan, GeneratorInput, Goal } from './plans.types';

export interface PlanRequest {
  goal: Goal;
  startDate?: string | undefined;
  availableDays: number[];
  longDay: number;
  hoursPerWeek: number;
  includeStrength: boolean;
}

export function inputOf(a: Athlete, req: PlanRequest, fitness: FitnessInput, today: string): GeneratorInput {
  const startDate = req.startDate ?? addDays(today, 1);
  if (startDate < today) throw invalid('startDate', 'A plan starts today or later.');
  if (req.goal.kind !== 'general_fitness' && req.goal.eventDate && req.goal.eventDate <= startDate)
    throw invalid('goal.eventDate', 'The event must be after the plan’s first day.');
  if (!req.availableDays.includes(req.longDay)) throw invalid('longDay', 'The long-session day must be one of your available days.');
  const age = a.birthDate ? ageOn(a.birthDate, startDate) : null;
  return { ...req, goal: req.goal, startDate, fitness, age };
}

/** The request a saved plan was made from (its goal and availability), to make it again from other fitness. */
export function requestOf(inputs: GeneratorInput, startDate: string): PlanRequest {
  const { goal, availableDays, longDay, hoursPerWeek, includeStrength } = inputs;
  return { goal, availableDays, longDay, hoursPerWeek, includeStrength, startDate };
}

export function planRowOf(userId: string, input: GeneratorInput, generated: GeneratedPlan) {
  return {
    userId,
    goalKind: input.goal.kind,
    eventDate: input.goal.eventDate,
    eventName: input.goal.eventName,
    startDate: generated.startDate,
    endDate: generated.endDate,
    inputs: input,
    weeks: generated.weeks,
    rules: generated.rules,
    raceDayTsb: generated.raceDayTsb,
  };
}

export const invalid = (path: string, message: string) => new AppError(ErrorCode.VALIDATION, message, { fields: [{ path, message }] });

function ageOn(birthDate: string, date: string): number {
  const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return date.slice(5) < birthDate.slice(5) ? years - 1 : years;
}
