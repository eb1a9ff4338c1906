/**
 * Where a month's working arrays come from. V8 gives every typed array of more than 64 bytes a
 * backing store of its own, which costs about a microsecond to allocate (and counts towards the
 * external memory that triggers garbage collection); a month uses some fifty such arrays. A run
 * therefore cuts them from buffers it keeps: a view on a kept buffer costs a twentieth of that.
 */

/** Zero-filled typed arrays of a given length. */
export interface TypedArrays {
  float64(length: number): Float64Array;
  int32(length: number): Int32Array;
  uint8(length: number): Uint8Array;
}

/** Fresh arrays every time: for a single call, a test or a script. */
export const FRESH_ARRAYS: TypedArrays = {
  float64: (length) => new Float64Array(length),
  int32: (length) => new Int32Array(length),
  uint8: (length) => new Uint8Array(length),
};

/** Bytes a run's buffer starts with; it doubles when a month needs more. */
const INITIAL_BYTES = 1 << 18;

/**
 * Arrays cut from one buffer, all valid until `reset`, after which the buffer is reused. A run
 * keeps two and alternates them by month, so that the arrays of the month just run stay intact
 * while the next month is built.
 */
export class Arena implements TypedArrays {
  private buffer = new ArrayBuffer(INITIAL_BYTES);
  private used = 0;

  /** Makes the whole buffer available again: arrays handed out before must no longer be used. */
  reset(): this {
    this.used = 0;
    return this;
  }

  float64(length: number): Float64Array {
    const at = this.take(length * 8);
    return new Float64Array(this.buffer, at, length).fill(0);
  }

  int32(length: number): Int32Array {
    const at = this.take(length * 4);
    return new Int32Array(this.buffer, at, length).fill(0);
  }

  uint8(length: number): Uint8Array {
    const at = this.take(length);
    return new Uint8Array(this.buffer, at, length).fill(0);
  }

  /**
   * Where the next `bytes` start in `buffer` (8-byte aligned); when it is full, a buffer twice
   * as large takes its place (arrays already handed out keep the old one alive).
   */
  private take(bytes: number): number {
    let start = (this.used + 7) & ~7;
    if (start + bytes > this.buffer.byteLength) {
      this.buffer = new ArrayBuffer(Math.max(2 * this.buffer.byteLength, 2 * bytes));
      start = 0;
    }
    this.used = start + bytes;
    return start;
  }
}
