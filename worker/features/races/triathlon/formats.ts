// Triathlon formats and the constants each leg is planned with. Each constant names its source, or says it is our
// stated assumption where no published figure exists (ADR 096, triathlon slice).

export const TRI_FORMATS = ['sprint', 'olympic', 'half', 'full'] as const;
export type TriFormat = (typeof TRI_FORMATS)[number];

export interface FormatSpec {
  label: string;
  swimM: number;
  bikeM: number;
  runM: number;
  /**
   * The bike leg's training-load budget (TSS). 70.3 ~170 and Ironman ~280: the domain reference's figures (coaching
   * practice after Coggan's TSS). Sprint 50 and olympic 100: our assumption, chosen so a 40-min sprint and a 75-min
   * olympic split land at IF ≈ 0.87–0.89, the short-course guidance, and said as an assumption on the page.
   */
  bikeTss: number;
  budgetSource: 'domain reference' | 'assumption';
  /**
   * The share of the swim threshold (CSS) held: CSS is about a 1500 m effort, so a sprint swims at it and longer
   * swims a little below. Our assumption (the coaching rule "race pace from CSS to CSS + ~5 s/100 m as the swim
   * grows"), stated on the page.
   */
  swimFraction: number;
  /** The run's slowdown off the bike when no brick calibrates it: our conservative assumption, never evidence. */
  defaultRunSlowdown: number;
  /** Transition allowances, seconds: typical age-group T1 (wetsuit off, to the bike) and T2; our stated allowance. */
  t1S: number;
  t2S: number;
}

export const FORMAT_SPECS: Record<TriFormat, FormatSpec> = {
  sprint: {
    label: 'Sprint',
    swimM: 750,
    bikeM: 20_000,
    runM: 5000,
    bikeTss: 50,
    budgetSource: 'assumption',
    swimFraction: 1,
    defaultRunSlowdown: 0.06,
    t1S: 120,
    t2S: 90,
  },
  olympic: {
    label: 'Olympic',
    swimM: 1500,
    bikeM: 40_000,
    runM: 10_000,
    bikeTss: 100,
    budgetSource: 'assumption',
    swimFraction: 0.97,
    defaultRunSlowdown: 0.08,
    t1S: 150,
    t2S: 90,
  },
  half: {
    label: 'Half (70.3)',
    swimM: 1900,
    bikeM: 90_000,
    runM: 21_100,
    bikeTss: 170,
    budgetSource: 'domain reference',
    swimFraction: 0.95,
    defaultRunSlowdown: 0.1,
    t1S: 240,
    t2S: 150,
  },
  full: {
    label: 'Full (Ironman)',
    swimM: 3800,
    bikeM: 180_000,
    runM: 42_200,
    bikeTss: 280,
    budgetSource: 'domain reference',
    swimFraction: 0.92,
    defaultRunSlowdown: 0.15,
    t1S: 360,
    t2S: 240,
  },
};

/** The race's distance: the three legs' total, metres. */
export const formatTotalM = (f: TriFormat) => FORMAT_SPECS[f].swimM + FORMAT_SPECS[f].bikeM + FORMAT_SPECS[f].runM;

/** A long ride: two hours or more of moving time (the brief's "best long rides"). */
export const LONG_RIDE_S = 2 * 3600;
/** A brick: a run starting within 20 min of a ride's end (time to rack the bike and change shoes at home). */
export const BRICK_GAP_S = 20 * 60;
/** Fresh runs compared with a brick run: average heart rate within this many bpm of it (equal effort). */
export const HR_MATCH_BPM = 5;
/** Bricks needed before the run's slowdown is the athlete's own. */
export const MIN_BRICKS = 2;
/** Variability index advised (domain reference: ≤ 1.05); on a flat course 1.02, our assumption (steady power is free there). */
export const VI_TARGET = 1.05;
export const VI_TARGET_FLAT = 1.02;
/** IF cap: FTP is about an hour's power, so no split is planned above it. */
export const MAX_IF = 1;
/** "What if I ride a little harder": these IF steps. */
export const WHAT_IF_STEPS = [0.02, 0.03] as const;
/** The run-cost slope needs bricks whose rides span this much IF (else the cost is unknown). */
export const MIN_IF_SPREAD = 0.05;
