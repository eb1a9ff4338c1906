/**
 * The batch table's margin cells: a tenth of a point where it can matter, whole points where
 * margins run to hundreds or thousands of percent, so that the table stays narrow.
 */
import { describe, expect, it } from 'vitest';
import { formatMargin } from '../../src/output/batch-summary.ts';

const margin = (estimate: number, half: number) => ({
  estimate,
  low: estimate - half,
  high: estimate + half,
});

describe('formatMargin', () => {
  it('shows tenths of a point below 100 points', () => {
    expect(formatMargin(margin(0.123, 0.014))).toBe('12.3 % ±1.4');
    expect(formatMargin(margin(-0.027, 0.034))).toBe('-2.7 % ±3.4');
  });

  it('shows whole points from 100 points on, the rounded value deciding', () => {
    expect(formatMargin(margin(-6.439, 1.169))).toBe('-644 % ±117');
    expect(formatMargin(margin(31.377, 101.188))).toBe('3138 % ±10119');
    expect(formatMargin(margin(0.99996, 0.5))).toBe('100 % ±50.0');
  });

  it('leaves out a spread of zero and marks what has no value', () => {
    expect(formatMargin(margin(0.5, 0))).toBe('50.0 %');
    expect(formatMargin(undefined)).toBe('-');
    expect(formatMargin({ estimate: Number.NaN, low: 0, high: 0 })).toBe('-');
  });
});
