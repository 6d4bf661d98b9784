// The race card's model: what the page, the PDF and the AI coach's race_plan tool all read. Times in seconds,
// distances in metres, clocks as local "HH:MM" on race morning, dates local YYYY-MM-DD. Every number carries the
// basis it rests on (a source, the prediction, the plan) so no figure on the card is unexplained.

/** Who sees what: the full card (Elite, `race_strategy`), or a preview (a tier the entitlement table lists). */
export type CardAccess = 'full' | 'preview';

export interface CardHeader {
  raceId: string;
  name: string;
  sport: 'run' | 'triathlon';
  distanceM: number;
  raceDate: string;
  /** The start clock the morning timeline counts back from. */
  startTime: string;
  /** 'given': the athlete set it; 'assumed': the default, said on the card. */
  startTimeSource: 'given' | 'assumed';
  prediction: { state: 'predicted'; lowS: number; midS: number; highS: number } | { state: 'none'; reason: string };
}

export interface SplitRow {
  /** Distance at the end of the split, metres. */
  toM: number;
  /** Seconds per km or mile for this split. */
  paceS: number;
  /** The race clock at the end of the split. */
  clockS: number;
}

export type CardSplits =
  | { state: 'planned'; unit: 'km' | 'mile'; targetS: number; rows: SplitRow[]; basis: string }
  | { state: 'none'; reason: string };

/** One fuelling checkpoint, from the fuelling plan (another part of the race feature fills these). */
export interface FuelCheckpoint {
  atM: number;
  clockS: number;
  take: string;
}

export type CardFuel = { state: 'planned'; rows: FuelCheckpoint[] } | { state: 'missing'; message: string };

export interface ChecklistItem {
  /** A plan workout's date, else null (kit, logistics). */
  date: string | null;
  text: string;
  kind: 'workout' | 'kit' | 'logistics' | 'bib' | 'course' | 'fuel';
}

export type CardTransitions = { applies: false; reason: string } | { applies: true; items: ChecklistItem[] };

export interface TimelineItem {
  /** Minutes before the start (0 = the start). */
  beforeStartMin: number;
  /** Local clock, "HH:MM". */
  clock: string;
  /** True when the clock falls on the evening before race day. */
  dayBefore: boolean;
  what: string;
  basis: string;
}

export interface TaperWeek {
  /** The plan's week number. */
  week: number;
  from: string;
  to: string;
  phase: string;
  /** Planned training load and time (race day and skipped workouts left out). */
  load: number;
  timeS: number;
  taper: boolean;
}

export type CardTaper =
  | {
      state: 'plan';
      planId: string;
      weeks: TaperWeek[];
      taperWeeks: number;
      /** Mean weekly load of the weeks before the taper shown, and of the taper weeks. */
      beforeLoad: number;
      taperLoad: number;
      /** (before − taper) ÷ before; null when the weeks before had no load. */
      dropFraction: number | null;
      form: { tsb: number; ctl: number } | null;
      basis: string;
    }
  | { state: 'noPlan'; message: string };

export interface ContingencyLine {
  situation: 'tooFastEarly' | 'fallingBehind' | 'heat' | 'giTrouble' | 'cramp' | 'wall';
  title: string;
  rule: string;
  basis: string;
}

export interface RaceCardModel {
  access: CardAccess;
  /** True on a preview: only the header, the first splits and the section headings. */
  preview: boolean;
  /** Where the upgrade prompt sends a preview viewer; null on the full card. */
  upgrade: { path: string; tierName: string; message: string } | null;
  header: CardHeader;
  /** Section headings in card order (a preview shows these with its upgrade prompt). */
  sections: string[];
  splits: CardSplits;
  fuel: CardFuel | null;
  transitions: CardTransitions | null;
  morning: TimelineItem[] | null;
  taper: CardTaper | null;
  raceWeek: ChecklistItem[] | null;
  contingencies: ContingencyLine[] | null;
}
