// The onboarding questionnaire's steps and wording, and the answers as the page shows them (the
// athlete's units). Plain data: the server shapes it in intake.server.ts.

export const ONBOARDING_STEPS = [
  { key: 'goal', title: 'Your goal' },
  { key: 'availability', title: 'Your week' },
  { key: 'background', title: 'Your background' },
  { key: 'baseline', title: 'Your recent running' },
] as const;
export type OnboardingStep = (typeof ONBOARDING_STEPS)[number]['key'];

export const GOAL_OPTIONS = [
  { value: '', label: 'Not sure yet' },
  { value: 'general_fitness', label: 'General fitness (no event)' },
  { value: 'run_5k', label: 'Run a 5 km' },
  { value: 'run_10k', label: 'Run a 10 km' },
  { value: 'run_half', label: 'Run a half marathon' },
  { value: 'run_marathon', label: 'Run a marathon' },
  { value: 'tri_sprint', label: 'Sprint triathlon' },
  { value: 'tri_olympic', label: 'Olympic triathlon' },
  { value: 'tri_70_3', label: '70.3 triathlon' },
  { value: 'tri_full', label: 'Full-distance triathlon' },
  { value: 'bike_event', label: 'A cycling event' },
];

/** Monday = 0 … Sunday = 6, as plans count them. */
export const WEEKDAYS = [
  { value: '0', short: 'Mon', label: 'Monday' },
  { value: '1', short: 'Tue', label: 'Tuesday' },
  { value: '2', short: 'Wed', label: 'Wednesday' },
  { value: '3', short: 'Thu', label: 'Thursday' },
  { value: '4', short: 'Fri', label: 'Friday' },
  { value: '5', short: 'Sat', label: 'Saturday' },
  { value: '6', short: 'Sun', label: 'Sunday' },
];

/** Form values of every question, as strings ('' = not answered). */
export interface OnboardingValues {
  goalKind: string;
  eventName: string;
  eventDate: string;
  days: string[];
  longDay: string;
  hoursPerWeek: string;
  injuries: string;
  returning: '' | 'yes' | 'no';
  returnDate: string;
  runsPerWeek: string;
  weeklyVolume: string;
  weeklyVolumeUnit: 'km' | 'mi' | 'h';
  longestRun: string;
  longestRunUnit: 'min' | 'km' | 'mi';
}

/** "Rebuild plan?" as Home and the plan page get it from GET /plans/active. */
export interface RebuildAdviceView {
  suggested: boolean;
  reasons: string[];
}
