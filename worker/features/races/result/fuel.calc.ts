// The fuel the athlete logged for a race, per hour of their finish, beside the published ranges it is read against
// (domain reference, "Race day"). Nothing is guessed: a part not logged says so.

export interface LoggedFuel {
  carbsG: number | null;
  fluidL: number | null;
}

export interface FuelLogged {
  carbs: { grams: number; perHour: number } | { missing: string };
  fluid: { litres: number; perHour: number } | { missing: string };
  /** The ranges the figures are read against, with their sources. */
  context: string[];
}

export const FUEL_CONTEXT = [
  'Carbohydrate: up to about 60 g/h from one source; about 90 g/h of mixed glucose and fructose in races beyond 2.5 h (Jeukendrup 2014).',
  'Fluid: without a sweat test, drink to thirst and no more than about 0.4–0.8 L/h (Noakes 2003).',
];

export function fuelOf(fuel: LoggedFuel, finishS: number): FuelLogged {
  const hours = finishS / 3600;
  const ok = hours > 0;
  return {
    carbs: fuel.carbsG !== null && ok ? { grams: fuel.carbsG, perHour: fuel.carbsG / hours } : { missing: 'Carbohydrate was not logged.' },
    fluid: fuel.fluidL !== null && ok ? { litres: fuel.fluidL, perHour: fuel.fluidL / hours } : { missing: 'Fluid was not logged.' },
    context: FUEL_CONTEXT,
  };
}
