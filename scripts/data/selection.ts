/**
 * How the shards choose their images: deterministic, documented, no randomness, so everyone who
 * runs the script gets byte-identical files.
 */

/**
 * Indices of the first `perClass` images of every class, scanning the source in its own order
 * (the result is ascending, so classes stay interleaved as in the source). Throws when a class has
 * fewer images.
 */
export function firstPerClass(labels: ArrayLike<number>, classes: number, perClass: number): number[] {
  const taken = new Array<number>(classes).fill(0);
  const picked: number[] = [];
  for (let i = 0; i < labels.length && picked.length < classes * perClass; i++) {
    const label = labels[i]!;
    if (!Number.isInteger(label) || label < 0 || label >= classes) {
      throw new RangeError(`label ${label} of image ${i} is not a class in [0, ${classes})`);
    }
    if (taken[label]! < perClass) {
      taken[label] = taken[label]! + 1;
      picked.push(i);
    }
  }
  const short = taken.findIndex((t) => t < perClass);
  if (short !== -1)
    throw new RangeError(`class ${short} has only ${taken[short]} images, ${perClass} needed`);
  return picked;
}

/**
 * Round-robin over classes whose images are stored class by class: position k of the result is
 * image `from + ⌊k/classes⌋` of class `k mod classes`, as [class, index within class].
 */
export function roundRobin(classes: number, from: number, to: number): [number, number][] {
  const out: [number, number][] = [];
  for (let index = from; index < to; index++) {
    for (let c = 0; c < classes; c++) out.push([c, index]);
  }
  return out;
}
