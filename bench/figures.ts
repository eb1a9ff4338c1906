/** Shared by the benchmark cases: the baseline, rounding, and printing one JSON line. */
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../src/scenario/load.ts';
import type { Scenario } from '../src/scenario/schema.ts';

export function loadBaseline(): Promise<Scenario> {
  return loadScenario(fileURLToPath(new URL('../scenarios/baseline.ts', import.meta.url)));
}

export function round(value: number, digits = 1): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export function print(figures: Record<string, unknown>): void {
  console.log(JSON.stringify(figures));
}
