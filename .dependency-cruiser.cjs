/**
 * The layers of src/, from the bottom up. A file may import its own layer and the layers below
 * it, never one above: `npm test` runs this check (`npm run layers`), and a wrong import fails
 * with the name of the rule it breaks, e.g. "model-imports-only-below".
 */
const LAYERS = [
  [
    'foundation',
    'src/(errors|version)\\.ts$',
    'errors and the package version: import nothing of src/',
  ],
  [
    'math',
    'src/math/',
    'numbers: random streams, calendar months, distributions, typed-array buffers',
  ],
  [
    'scenario',
    'src/scenario/',
    'what a user writes: the schema, its validation, loading and overrides',
  ],
  ['model', 'src/model/', 'the economics on plain data: pure functions, no engine, no I/O'],
  ['results', 'src/results/', 'the results contract: rows, columns, units, outcomes'],
  ['engine', 'src/engine/', 'the tick loop: phases that gather, call the model and apply'],
  ['design', 'src/design/', 'experiment design: sampling plans, seeds'],
  [
    'execution',
    'src/execution/',
    'running many runs: batches, sweeps, shards, workers, their files',
  ],
  ['analysis', 'src/analysis/', 'summaries, intervals, comparisons, calibration, sensitivity'],
  ['output', 'src/output/', 'presentation: terminal tables and the files of a result folder'],
  ['report', 'src/report/', 'presentation: the offline HTML report'],
  ['api', 'src/api/', 'the library API: what each command does, composed from the layers below'],
  ['cli', 'src/cli/', 'the command line: a thin shell over the library API'],
  [
    'entry',
    'src/(index|scenario-file)\\.ts$',
    "the package's entries: what a script imports as 'ai-market-sim', a scenario file as 'ai-market-sim/scenario'",
  ],
];

const ruleFor = ([name, path, what], rank) => ({
  name: `${name}-imports-only-below`,
  comment: `${name} (${what}) may import only the layers below it: ${
    LAYERS.slice(0, rank)
      .map(([below]) => below)
      .join(', ') || 'none'
  }. Move the shared piece down, or the caller up.`,
  severity: 'error',
  from: { path: `^${path}` },
  to: { path: LAYERS.slice(rank + 1).map(([, above]) => `^${above}`) },
});

module.exports = {
  forbidden: [
    ...LAYERS.map(ruleFor).slice(0, -1),
    {
      name: 'no-circular',
      comment: 'Files that import each other in a circle: one of them belongs in a lower layer.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
  ],
  options: {
    parser: 'swc',
    doNotFollow: { path: 'node_modules' },
    exclude: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
  },
};
