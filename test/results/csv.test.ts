import { describe, expect, it } from 'vitest';
import { childPath } from '../../src/results/atomic.ts';
import { csvText, formatCell } from '../../src/results/csv.ts';

describe('CSV cells', () => {
  it('escapes text that a spreadsheet would run as a formula', () => {
    for (const text of ['=1+1', '+cmd', '-2+3', '@SUM(A1)', '\t=x']) {
      expect(formatCell(text)).toBe(`'${text}`);
    }
    expect(formatCell('openai')).toBe('openai');
    expect(formatCell('2024-05')).toBe('2024-05');
  });

  it('writes numbers exactly, negative numbers as numbers, and missing values as empty cells', () => {
    expect(formatCell(-0.25)).toBe('-0.25');
    expect(formatCell(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(formatCell(Number.NaN)).toBe('');
    expect(formatCell(Number.POSITIVE_INFINITY)).toBe('');
    expect(formatCell(undefined)).toBe('');
  });

  it('quotes cells with commas, quotes and newlines, and ends every row with a newline', async () => {
    const text = await csvText(
      ['a', 'b'],
      [
        ['x,y', 'say "hi"'],
        [1, 'line\nbreak'],
      ],
    );
    expect(text).toBe('a,b\n"x,y","say ""hi"""\n1,"line\nbreak"\n');
  });
});

describe('output paths', () => {
  it('refuse names that would leave the output folder', () => {
    for (const name of ['..', '../x', 'a/b', '/etc', '.hidden', '', 'a/../../b']) {
      expect(() => childPath('/tmp/out', name), name).toThrow();
    }
    expect(childPath('/tmp/out', 'baseline')).toBe('/tmp/out/baseline');
  });
});
