/**
 * ai-market-sim: the library API. The CLI is a thin shell over these functions; a notebook or
 * a script can import them too.
 *
 * @example
 * import { loadScenario, runScenario } from 'ai-market-sim';
 * const scenario = await loadScenario('scenarios/baseline.ts');
 * const result = runScenario(scenario, { seed: 1 });
 *
 * @example
 * // A sweep, and which of its uncertain inputs decide an outcome (docs/sweeps.md)
 * import { formatSensitivityTable, runSweep, sweepSensitivity } from 'ai-market-sim';
 * const { folder } = await runSweep({
 *   file: 'scenarios/sweeps/uncertain-baseline.ts', overrides: { customers: 2000 },
 *   design: 'sobol', size: 64, seed: 1, resume: true, outDir: 'results',
 * });
 * console.log(formatSensitivityTable(sweepSensitivity(folder, 'operating_margin_lab')));
 *
 * @example
 * // What `aisim compare` and `aisim report` do, from a script
 * import { compareFolders, formatComparison } from 'ai-market-sim';
 * import { writeReport } from 'ai-market-sim/report';
 * console.log(formatComparison(await compareFolders(['results/batch'])));
 * await writeReport('results/batch'); // results/batch/report.html
 */

// ---------------------------------------------------------------- compare and report results

export {
  type ComparedSource,
  type Comparison,
  type ComparisonRow,
  compareResults,
  comparisonRows,
  type DifferenceMethod,
  type KindPair,
  type ResultFolder,
} from './analysis/compare.ts';
export {
  COMPARISON_COLUMNS,
  comparisonCsv,
  comparisonJson,
  formatComparison,
} from './output/compare-output.ts';
export { detectResultKind, type ResultKind } from './report/detect.ts';
export { compareFolders, readResultFolder } from './report/result-folder.ts';
// Reports are `ai-market-sim/report` (src/report/report.ts): the charting library they load is an
// ES module with top-level await, which a scenario file in CommonJS scope could not import.

// ---------------------------------------------------------------- sweeps: design, run, analyse

export { type MorrisEffect, morrisEffects } from './analysis/sensitivity/morris-effects.ts';
export { type SobolIndices, sobolIndices } from './analysis/sensitivity/sobol-indices.ts';
export {
  formatSensitivityTable,
  type SensitivityOptions,
  type SensitivityReport,
  sensitivityReport,
  sensitivityTable,
} from './analysis/sensitivity-report.ts';
export { type SweepSensitivityOptions, sweepSensitivity } from './analysis/sweep-sensitivity.ts';
export {
  type ComparisonSummary,
  comparisons,
  formatSweepSummary,
  type OutcomeSummary,
  outcomeNames,
  outcomeValues,
  summarizeComparison,
  summarizeOutcome,
} from './analysis/sweep-summary.ts';
export {
  type DiscreteDistribution,
  type Distribution,
  discrete,
  type LogNormalDistribution,
  logNormal,
  type NormalDistribution,
  normal,
  quantile,
  type TriangularDistribution,
  triangular,
  type UniformDistribution,
  uniform,
  validateDistribution,
} from './design/distributions.ts';
export {
  buildDesign,
  checkInputRanges,
  DESIGN_NAMES,
  type DesignName,
  type DesignSpec,
  type PlanRequest,
  planSweep,
  type RunInputs,
  runInputs,
  type SweepDesign,
  type SweepPlan,
  sampledScenario,
  type UncertainInput,
  uncertainInputs,
} from './design/plan.ts';
export { gridDesign } from './design/sample/grid.ts';
export { latinHypercubeDesign } from './design/sample/latin-hypercube.ts';
export { type MorrisDesign, morrisDesign } from './design/sample/morris.ts';
export { randomDesign } from './design/sample/random.ts';
export {
  type SaltelliDesign,
  saltelliDesign,
  saltelliRunCount,
  saltelliRuns,
  sobolSequence,
} from './design/sample/sobol.ts';
export { contentHash, designStream, runSeed, SEED_DERIVATION } from './design/seeds.ts';
export {
  parseShard,
  resolveShard,
  type Shard,
  shardFromEnvironment,
  shardRun,
  shardRunCount,
} from './execution/shards.ts';
export {
  loadSweepRun,
  runSweep,
  type SweepObserver,
  type SweepReport,
  type SweepRequest,
  type SweepRun,
} from './execution/sweep.ts';
export { lockSweepFolder, type SweepLock } from './execution/sweep-lock.ts';
export {
  type MergeResult,
  mergeSweeps,
  planOfManifest,
  readManifest,
  readRunColumns,
  type SweepManifest,
  type SweepSummaries,
  writeSensitivityCsv,
  writeSweepSummaries,
} from './output/sweep-files.ts';

// ------------------------------------------------------------------- scenarios and single runs

export {
  type Month,
  type RunOptions,
  type RunResult,
  runScenario,
  Simulation,
} from './engine/simulation.ts';
export { InputError } from './errors.ts';
export {
  bargainThenHarvest,
  bertrandLogit,
  bertrandTarget,
  costPlus,
  lernerIndex,
  type PricingStrategy,
  type PricingView,
} from './model/pricing.ts';
export type { AgentRow, MarketRow, SummaryRow } from './output/columns.ts';
export {
  defineScenario,
  extendScenario,
  type Overrides,
  type ScenarioExtension,
  type ScenarioOverrides,
} from './scenario/define.ts';
export { importScenario, loadScenario } from './scenario/load.ts';
export { applyOverrides, type RunOverrides } from './scenario/overrides.ts';
export {
  applySettings,
  getParameter,
  numericParameters,
  withParameter,
} from './scenario/parameters.ts';
export type { AgentKind, AgentSpec, Scenario, ScenarioInput, Segment } from './scenario/schema.ts';
export { validateScenario } from './scenario/validate.ts';
