/** Midranks, ascending, 1-based, written out independently of the app (−∞ ranks lowest). */
export function midranksHere(v: number[]): number[] {
  // Compared, not subtracted: −∞ − (−∞) is NaN, which would leave the order undefined.
  const order = v
    .map((value, i) => ({ value, i }))
    .sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  const r = new Array<number>(v.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]!.value === order[i]!.value) j++;
    for (let k = i; k <= j; k++) r[order[k]!.i] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return r;
}

/** Spearman's ρ written out independently of the app: midranks, then Pearson of the ranks. */
export function spearmanHere(x: number[], y: number[]): number {
  const rx = midranksHere(x);
  const ry = midranksHere(y);
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const mx = mean(rx);
  const my = mean(ry);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < rx.length; i++) {
    sxy += (rx[i]! - mx) * (ry[i]! - my);
    sxx += (rx[i]! - mx) ** 2;
    syy += (ry[i]! - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}
