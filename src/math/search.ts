/** Binary searches over sorted typed arrays. */

/** How many of the descending `values` are at least `limit`. */
export function countAtLeast(values: Float64Array, count: number, limit: number): number {
  let low = 0;
  let high = count;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle]! >= limit) low = middle + 1;
    else high = middle;
  }
  return low;
}
