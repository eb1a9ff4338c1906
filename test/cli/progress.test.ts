import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../src/cli/progress.ts';

describe('formatDuration', () => {
  it('rounds the whole time up before splitting, so a minute boundary never reads 60s', () => {
    expect(formatDuration(59.5)).toBe('1m00s');
    expect(formatDuration(119.2)).toBe('2m00s');
    expect(formatDuration(60)).toBe('1m00s');
    expect(formatDuration(3599.4)).toBe('1h00m');
  });

  it('writes seconds, minutes and hours', () => {
    expect(formatDuration(0.2)).toBe('1s');
    expect(formatDuration(42)).toBe('42s');
    expect(formatDuration(185)).toBe('3m05s');
    expect(formatDuration(7620)).toBe('2h07m');
  });
});
