// Small numeric helpers of the stream model: clamping, Strava's roundings, fast trig and jitter.

export const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
export const r1 = (x: number) => Math.round(x * 10) / 10;
export const r3 = (x: number) => Math.round(x * 1000) / 1000;
export const r6 = (x: number) => Math.round(x * 1e6) / 1e6;

// Table sine (4096 steps, linear interpolation, error < 1e-6): streams evaluate several trig calls per
// sample and a history is millions of samples, so Math.sin dominated generation time.
const TABLE = 4096;
const SIN = Float64Array.from({ length: TABLE + 1 }, (_, i) => Math.sin((2 * Math.PI * i) / TABLE));
export function sin(x: number): number {
  let t = (x / (2 * Math.PI)) * TABLE;
  t -= Math.floor(t / TABLE) * TABLE;
  const i = Math.floor(t);
  const f = t - i;
  return (SIN[i] ?? 0) * (1 - f) + (SIN[i + 1] ?? 0) * f;
}
export const cos = (x: number) => sin(x + Math.PI / 2);

/** Uniform jitter with sd 1, drawn from `r`: cheap enough for every sample (Box–Muller was the hot spot). */
export const jitter = (r: () => number) => () => (r() - 0.5) * 3.46;
