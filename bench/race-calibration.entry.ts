// Bundled by race-calibration.bench.ts (esbuild): the backtest over the production prediction core.
export { backtest, strata, summarize, table } from '../worker/features/races/calibration/backtest.testing';
export { SENSITIVITY } from '../worker/features/races/calibration/athletes.testing';
export { publicBacktest } from '../worker/features/races/calibration/public-races.testing';
export { PUBLIC_RACES_SOURCE } from '../worker/features/races/calibration/public-races.data';
