/**
 * The chart of a sweep's discovery: PRIM's trajectory, each box a point at its coverage and
 * density, from the box of every run (coverage 100 %) to the last peel, with the chosen box
 * marked and the density threshold drawn (results/discovery-files.ts).
 */
import type { DiscoveryFiles } from '../analysis/folders/sweep-folder.ts';
import { formatPercent } from '../output/terminal.ts';
import type { Chart } from './charts.ts';
import { GUIDE_COLOUR, OBSERVED_COLOUR, SERIES_COLOURS } from './palette.ts';

export function discoveryChart(discovery: DiscoveryFiles): Chart {
  const { record, trajectory } = discovery;
  const points = trajectory.map((step) => ({
    step: step.step,
    coverage: step.coverage * 100,
    density: step.density * 100,
    description: `box ${step.step} (${step.phase}): coverage ${formatPercent(step.coverage)}, density ${formatPercent(step.density)}, ${step.restricted} input${step.restricted === 1 ? '' : 's'} restricted`,
  }));
  const chosen = points[record.chosenStep]!;
  const domain = [0, 100];
  const x = {
    field: 'coverage',
    type: 'quantitative',
    scale: { domain },
    axis: { title: 'Coverage (%)' },
  } as const;
  const y = {
    field: 'density',
    type: 'quantitative',
    scale: { domain },
    axis: { title: 'Density (%)' },
  } as const;
  const description = { field: 'description', type: 'nominal' } as const;
  const threshold = record.settings.threshold * 100;
  return {
    title: `Peeling trajectory: where ${record.condition}`,
    caption: `Each box of PRIM\u2019s trajectory at its coverage (of the runs where the condition holds, the share in the box) and density (of the box\u2019s runs, the share where it holds), from every run (right) to the last peel; the chosen box (ringed, box ${chosen.step}) has coverage ${formatPercent(chosen.coverage / 100)} and density ${formatPercent(chosen.density / 100)}; the dashed line is the density threshold, ${formatPercent(record.settings.threshold)}.`,
    spec: {
      layer: [
        {
          data: {
            values: [{ density: threshold, description: `density threshold ${threshold} %` }],
          },
          mark: { type: 'rule', color: GUIDE_COLOUR, strokeDash: [5, 3] },
          encoding: { y, description },
        },
        {
          data: { values: points },
          mark: { type: 'line', color: SERIES_COLOURS[0], strokeWidth: 1.5 },
          encoding: { x, y, order: { field: 'step', type: 'quantitative' } },
        },
        {
          data: { values: points },
          mark: { type: 'point', filled: true, color: SERIES_COLOURS[0], size: 40 },
          encoding: { x, y, description },
        },
        {
          data: { values: [{ ...chosen, description: `chosen ${chosen.description}` }] },
          mark: { type: 'point', filled: false, color: OBSERVED_COLOUR, size: 220, strokeWidth: 2 },
          encoding: { x, y, description },
        },
      ],
    },
  };
}
