import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.ts';
import { loadBaseline } from '../helpers.ts';

const FOLDER = fileURLToPath(new URL('../../scenarios/', import.meta.url));
const LIBRARY = [
  'pure-api-lab',
  'lab-integrates-forward',
  'hyperscaler-cost-leader',
  'open-weight-parity',
  'durable-moat',
  'no-switching-costs',
  'capex-arms-race',
  'price-war',
  'funding-winter',
  'compute-shortage',
];

describe('the scenario library', () => {
  const files = readdirSync(FOLDER).filter((name) => name.endsWith('.ts'));

  it('holds the baseline and every scenario the thesis needs', () => {
    for (const name of ['baseline', ...LIBRARY]) expect(files).toContain(`${name}.ts`);
  });

  it.each(LIBRARY)(
    '%s: short, asks its question, extends the baseline and changes something',
    async (name) => {
      const source = readFileSync(`${FOLDER}${name}.ts`, 'utf8');
      expect(source.split('\n').length).toBeLessThan(80);
      expect(source).toMatch(/^\/\*\*[\s\S]*Question:/);
      expect(source).toContain('extends: baseline');
      const scenario = await loadScenario(`${FOLDER}${name}.ts`);
      expect(scenario.name).toBe(name);
      expect(scenario.question).toMatch(/\?$/);
      const baseline = await loadBaseline();
      expect(JSON.stringify({ ...scenario, name: 'x', title: '', question: '' })).not.toBe(
        JSON.stringify({ ...baseline, name: 'x', title: '', question: '' }),
      );
    },
  );
});
