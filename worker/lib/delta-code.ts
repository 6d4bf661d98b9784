// Delta coding of whole-number series (the stored streams' cumulative channels: ActivityStreams). Pure.

/** The first value as is, then each one's change from the one before. */
export function deltaEncode(values: readonly number[]): number[] {
  const out = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = i === 0 ? values[0]! : values[i]! - values[i - 1]!;
  return out;
}

/** The running sum of a delta-coded series: the values it was made from (exact for whole numbers). */
export function deltaDecode(deltas: readonly number[]): number[] {
  const out = new Array<number>(deltas.length);
  let sum = 0;
  for (let i = 0; i < deltas.length; i++) {
    sum += deltas[i]!;
    out[i] = sum;
  }
  return out;
}
