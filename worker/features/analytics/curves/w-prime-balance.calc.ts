// W′ balance across an activity (D′ balance for runs, with speed and critical speed). The differential form of
// Skiba's model (Skiba et al. 2015; Clarke & Skiba 2013): above CP the reserve falls by exactly what is spent,
// (P − CP) per second; below CP it refills towards W′ at a rate proportional to what is missing,
// dW′bal/dt = (CP − P)(W′ − W′bal)/W′, taken exactly over each second (an exponential step), so it never
// overshoots W′. Pure; 1-Hz input, NaN read as 0 (nothing produced).

export interface BalanceAnswer {
  /** W′bal (J) or D′bal (m) at the end of each second. */
  balance: Float64Array;
  /** The lowest point and when: the hardest moment of the activity. */
  lowest: { value: number; atS: number };
}

export function reserveBalance(x: Float64Array, critical: number, reserve: number): BalanceAnswer {
  const balance = new Float64Array(x.length);
  let bal = reserve;
  let lowest = { value: reserve, atS: 0 };
  for (let s = 0; s < x.length; s++) {
    const v = Number.isNaN(x[s]!) ? 0 : x[s]!;
    if (v > critical) bal -= v - critical;
    else bal = reserve - (reserve - bal) * Math.exp(-(critical - v) / reserve);
    balance[s] = bal;
    if (bal < lowest.value) lowest = { value: bal, atS: s };
  }
  return { balance, lowest };
}
