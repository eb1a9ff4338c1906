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

/** Buckets per value of a `DescendingIndex`: most limits then start on their answer. */
const BUCKETS_PER_VALUE = 4;

/**
 * `countAtLeast` over one descending list for many limits: a table over the list's range gives
 * each limit a start at most a step or two from its answer, so a count costs a multiplication
 * and two or three comparisons instead of log2(count) branches that a random limit mispredicts.
 * Exact: the answer is countAtLeast's for every limit (NaN included), whatever the table says.
 */
export class DescendingIndex {
  private readonly values: Float64Array;
  private readonly count: number;
  private readonly low: number;
  /** Buckets per unit of value, and the last bucket's index. */
  private readonly scale: number;
  private readonly last: number;
  /** countAtLeast at each bucket's lower edge. */
  private readonly start: Int32Array;

  constructor(values: Float64Array, count: number) {
    this.values = values;
    this.count = count;
    this.low = count > 0 ? values[count - 1]! : 0;
    const high = count > 0 ? values[0]! : 0;
    this.last = BUCKETS_PER_VALUE * count;
    this.scale = high > this.low ? this.last / (high - this.low) : 0;
    this.start = new Int32Array(this.last + 1);
    for (let b = 0; b <= this.last; b++) {
      const edge = this.scale > 0 ? this.low + b / this.scale : this.low;
      this.start[b] = countAtLeast(values, count, edge);
    }
  }

  /** How many of the values are at least `limit`. */
  countAtLeast(limit: number): number {
    const { values, count } = this;
    const position = (limit - this.low) * this.scale;
    const bucket = position >= 0 ? (position < this.last ? Math.floor(position) : this.last) : 0;
    let at = this.start[bucket]!;
    // The table's guess, moved to the answer: values below the limit step it down, values at
    // least the limit step it up (the list is descending, so only one of the two moves).
    while (at > 0 && !(values[at - 1]! >= limit)) at--;
    while (at < count && values[at]! >= limit) at++;
    return at;
  }
}
