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
 * // What `aisim batch` does: the scenario library over seeds 1..5, its margins over 2025-2030
 * import { formatBatchTable, runBatch } from 'ai-market-sim';
 * const batch = await runBatch({
 *   paths: ['scenarios'], seeds: 5, window: { from: '2025-01', to: '2030-12' }, outDir: 'results',
 *   observer: { start: (runs) => console.log(`${runs} runs`), run() {} },
 * });
 * console.log(formatBatchTable(batch.rows)); // batch.folder: batch.csv, batch-runs.csv, batch.json
 *
 * @example
 * // A sweep, and which of its uncertain inputs decide an outcome (docs/sweeps.md)
 * import { formatSensitivityTable, rankSweepInputs, runSweep } from 'ai-market-sim';
 * const { folder } = await runSweep({
 *   file: 'scenarios/sweeps/uncertain-baseline.ts', overrides: { customers: 2000 },
 *   design: 'sobol', size: 64, seed: 1, resume: true, outDir: 'results',
 * });
 * const { report } = await rankSweepInputs(folder, 'operating_margin_lab'); // and its CSV
 * console.log(formatSensitivityTable(report));
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
  type Comparison,
  compareResults,
  comparisonRows,
  type KindPair,
  type ResultFolder,
} from './analysis/compare.ts';
export { detectResultKind } from './analysis/folders/detect.ts';
export { compareFolders, readResultFolder } from './analysis/folders/result-folder.ts';
export { type SourcePair, sourceDifference } from './analysis/source-difference.ts';
export { medianInterval95 } from './analysis/statistics.ts';
export { comparisonCsv, comparisonJson, formatComparison } from './output/compare-output.ts';
export {
  COMPARISON_COLUMNS,
  type ComparedSource,
  type ComparisonRow,
  type DifferenceMethod,
  type MedianEstimate,
  type ResultKind,
} from './results/compare-file.ts';

// Reports are `ai-market-sim/report` (src/report/report.ts): the charting library they load is an
// ES module with top-level await, which a scenario file in CommonJS scope could not import.

// ------------------------------------------------------- batches and the calibration check

export type { CalibrationFact, FactCheck } from './analysis/calibration.ts';
export { type BatchReport, type BatchRequest, runBatch } from './api/batch.ts';
export { listParameters, type ParameterList } from './api/params.ts';
export { runValidation, type ValidationReport, type ValidationRequest } from './api/validate.ts';
export { type RunObserver, seedList } from './execution/seeds.ts';
export { formatBatchTable } from './output/batch-summary.ts';
export { formatParameterTable, parametersCsv, parametersJson } from './output/parameter-list.ts';
export { formatValidation } from './output/validation.ts';
export type { BatchRow, SeedOutcome, Window } from './results/batch-files.ts';

// ---------------------------------------------------------------- sweeps: design, run, analyse

export { type Condition, parseCondition } from './analysis/condition.ts';
export {
  conditionNames,
  conditionShare,
  type Discovery,
  discoverBox,
} from './analysis/discovery.ts';
export {
  type PrimOptions,
  type PrimResult,
  type PrimStep,
  prim,
  type Restriction,
} from './analysis/prim.ts';
export { type MorrisEffect, morrisEffects } from './analysis/sensitivity/morris-effects.ts';
export {
  type RankCorrelations,
  rankCorrelations,
} from './analysis/sensitivity/rank-correlations.ts';
export { type SobolIndices, sobolIndices } from './analysis/sensitivity/sobol-indices.ts';
export {
  type SensitivityOptions,
  type SensitivityReport,
  sensitivityReport,
  sensitivityTable,
} from './analysis/sensitivity-report.ts';
export { binomialUpperTail, wilsonInterval95 } from './analysis/statistics.ts';
export { type SweepSensitivityOptions, sweepSensitivity } from './analysis/sweep-sensitivity.ts';
export {
  measurePairs,
  summarizeOutcome,
  summarizePairedDifference,
} from './analysis/sweep-summary.ts';
export {
  conditionShares,
  type DiscoverRequest,
  discoverScenarios,
  mergeSweeps,
  type RankedInputs,
  rankSweepInputs,
  runSweep,
  type SweepOutcomes,
} from './api/sweep.ts';
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
export type { MergeResult } from './execution/merge-shards.ts';
export { readRunColumns } from './execution/runs-file.ts';
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
  type SweepObserver,
  type SweepReport,
  type SweepRequest,
  type SweepRun,
} from './execution/sweep.ts';
export { lockSweepFolder, type SweepLock } from './execution/sweep-lock.ts';
export { planOfManifest, readManifest, type SweepManifest } from './execution/sweep-manifest.ts';
export { quantile, validateDistribution } from './math/distributions.ts';
export { formatConditionShare, formatDiscovery } from './output/discovery-summary.ts';
export { formatSensitivityTable } from './output/sensitivity-table.ts';
export {
  type SweepSummaries,
  writeSensitivityCsv,
  writeSweepSummaries,
} from './output/sweep-summaries.ts';
export { formatSweepSummary } from './output/sweep-summary.ts';
export type {
  BoxRow,
  ConditionShare,
  DiscoveryRecord,
  TrajectoryRow,
} from './results/discovery-files.ts';
export { outcomeNames, outcomeValues } from './results/outcomes.ts';
export type { OutcomeSummary, PairedDifference } from './results/sweep-files.ts';

// ------------------------------------------------------------------- scenarios and single runs

export {
  type RunFileRequest,
  runScenarioFile,
  runSweepRun,
  type SweepRunRequest,
  type WrittenRun,
} from './api/run.ts';
export { type Month, type RunOptions, runScenario, Simulation } from './engine/simulation.ts';
export { InputError } from './errors.ts';
export { formatRunSummary } from './output/run-summary.ts';
export type { AgentRow, MarketRow, SummaryRow } from './results/columns.ts';
export type { RunResult } from './results/run-result.ts';
export { BASELINE_FILE } from './scenario/library-files.ts';
export { importScenario, loadScenario } from './scenario/load.ts';
export { applyOverrides, type RunOverrides } from './scenario/overrides.ts';
export {
  type ParameterRange,
  type ParameterType,
  rangeText,
  type ScenarioParameter,
  scenarioParameters,
} from './scenario/parameter-list.ts';
export {
  applySettings,
  getParameter,
  numericParameters,
  withParameter,
} from './scenario/parameters.ts';
export { PARAMETER_UNITS, type ParameterUnit } from './scenario/units.ts';
export { validateScenario } from './scenario/validate.ts';
// What a scenario file needs: defineScenario, distributions, pricing strategies, their types.
export * from './scenario-file.ts';
