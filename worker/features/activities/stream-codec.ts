// The delta coding of the cumulative stream channels (distance, position; see ActivityStreams). Pure.

/** Whole numbers as the first value, then each one's change from the one before. */
export function deltaEncode(values: readonly number[]): number[] {
  const out = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = i === 0 ? values[0]! : values[i]! - values[i - 1]!;
  return out;
}

/** The running sum of a delta-coded channel: the values it was made from. */
export function deltaDecode(deltas: readonly number[]): number[] {
  const out = new Array<number>(deltas.length);
  let sum = 0;
  for (let i = 0; i < deltas.length; i++) {
    sum += deltas[i]!;
    out[i] = sum;
  }
  return out;
}

/** Degrees ↔ the stored millionths. */
export const E6 = 1_000_000;
