import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readRunFolder } from '../../src/analysis/folders/run-folder.ts';
import { InputError } from '../../src/errors.ts';
import { AGENT_COLUMNS, SUMMARY_COLUMNS } from '../../src/results/columns.ts';
import { type RunFixture, writeSmallRun } from './fixture.ts';

let run: RunFixture;

beforeAll(async () => {
  run = await writeSmallRun();
});

/** Only the columns of the output contract, as the CSV holds them. */
function project<Row extends object>(rows: readonly Row[], columns: readonly (keyof Row)[]) {
  return rows.map((row) => Object.fromEntries(columns.map((column) => [column, row[column]])));
}

describe('reading a run folder back', () => {
  it('gives the rows the run wrote, number for number, empty cells as NaN', async () => {
    const folder = await readRunFolder(run.folder);
    const { result } = run;
    expect(folder.referenceLevels).toEqual(Object.keys(result.scenario.capability.referenceLevels));
    expect(folder.market).toEqual(result.market);
    expect(project(folder.agents, AGENT_COLUMNS)).toEqual(project(result.agents, AGENT_COLUMNS));
    expect(project(folder.summary, SUMMARY_COLUMNS)).toEqual(
      project(result.summary, SUMMARY_COLUMNS),
    );
    expect(folder.market.some((row) => Number.isNaN(row.open_gap_pct))).toBe(true);
    expect(folder.info).toMatchObject({ scenario: 'baseline', seed: 1, months: 36 });
  });

  it('a damaged cell is an InputError naming the file, the line and the column', async () => {
    const { folder } = await writeSmallRun();
    const file = join(folder, 'agents.csv');
    writeFileSync(file, `${AGENT_COLUMNS.join(',')}\n0,2022-11,openai,lab,cheap\n`);
    const error = await readRunFolder(folder).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toContain('line 2, column price');
  });
});
