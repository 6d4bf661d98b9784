// The prediction's inputs and answer. Times in seconds, distances in metres, dates local (YYYY-MM-DD); nothing is
// rounded here: the presenter rounds.

/** One best effort, shaped like analytics' `runBestsBetween` rows (its receipt's activity id and name lifted up). */
export interface RaceBest {
  distanceM: number;
  timeS: number;
  date: string;
  activityId: string;
  name: string;
}

/** Critical speed and D′ from the run curve (analytics' model history), dated. */
export interface CriticalSpeedInput {
  /** m/s */
  csMps: number;
  /** m */
  dPrimeM: number;
  date: string;
}

/** Recent running volume: mean km a week over the weeks that had data, of the last `ofWeeks`. */
export interface VolumeInput {
  kmPerWeek: number;
  weeksWithData: number;
  ofWeeks: number;
}

/** The plan's projected form on race day (TSB = CTL − ATL), shown beside the range. */
export interface RaceDayForm {
  tsb: number;
  ctl: number;
}

/** A past race with the prediction made for it: its error is shown beside the next prediction at that distance. */
export interface PastRace {
  distanceM: number;
  date: string;
  actualS: number;
  predicted: { low: number; mid: number; high: number };
}

export interface PredictionInput {
  race: { distanceM: number; date: string };
  today: string;
  bests: RaceBest[];
  criticalSpeed?: CriticalSpeedInput | null;
  volume?: VolumeInput | null;
  form?: RaceDayForm | null;
  pastRaces?: PastRace[];
}

export type MethodName = 'riegel' | 'vdot' | 'criticalSpeed';

export type MethodResult =
  | { method: MethodName; ran: true; timeS: number; receipts: MethodReceipts; notes: string[] }
  | { method: MethodName; ran: false; reason: string };

export interface MethodReceipts {
  /** The bests the figure rests on. */
  bests: RaceBest[];
  /** Riegel: the exponent used, and whether it was fitted to this athlete, clamped, or the population's 1.06. */
  exponent?: { value: number; source: 'fitted' | 'clamped' | 'population'; fitted: number | null };
  /** VDOT: the value used, and each best's own. */
  vdot?: { value: number; byBest: { activityId: string; distanceM: number; vdot: number }[] };
  /** Critical speed: the fit used and the fraction of it held for the predicted duration. */
  criticalSpeed?: CriticalSpeedInput & { fraction: number };
}

export type WideningKind =
  | 'thinHistory'
  | 'methodSpread'
  | 'extrapolation'
  | 'lowVolume'
  | 'unknownVolume'
  | 'oldBests'
  | 'marathon'
  | 'negativeForm';

/** One reason the range is wider (or moved), with the log-scale amount it added. */
export interface Widening {
  kind: WideningKind;
  /** Added to the log-scale standard deviation of the slow side, the fast side, or both. */
  sigma: number;
  side: 'both' | 'slow';
  why: string;
}

export interface ExcludedBest {
  best: RaceBest;
  reason: string;
}

export interface PredictionRange {
  /** Seconds: an 80 % range around the middle. */
  low: number;
  mid: number;
  high: number;
}

export type Prediction =
  | { state: 'notEnoughData'; reason: string; excluded: ExcludedBest[] }
  | { state: 'unsupported'; reason: string }
  | {
      state: 'predicted';
      range: PredictionRange;
      methods: MethodResult[];
      /** (slowest − fastest) ÷ middle of the methods that ran; 0 with one method. */
      spread: number;
      widenings: Widening[];
      /** Applied to the middle before the range: the marathon evidence, said not hidden. */
      shift: { factor: number; why: string } | null;
      used: RaceBest[];
      excluded: ExcludedBest[];
      form: RaceDayForm | null;
      pastErrors: PastError[];
    };

export interface PastError {
  date: string;
  distanceM: number;
  actualS: number;
  predictedMidS: number;
  /** The 80 % range that prediction gave. */
  predictedLowS: number;
  predictedHighS: number;
  /** actual − predicted middle: positive when the athlete was slower than predicted. */
  errorS: number;
  errorPct: number;
  inRange: boolean;
}
