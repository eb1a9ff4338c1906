import { describe, expect, it } from 'vitest';
import { createStreams } from '../../src/math/random.ts';
import { flagshipTarget } from '../../src/model/agent-kinds.ts';
import {
  firstReleaseTick,
  initialModels,
  nextReleaseTick,
  releasesThisMonth,
} from '../../src/model/releases.ts';
import { algorithmicEfficiencyAt, computeUnitsPerMTok } from '../../src/model/technology.ts';
import type { World } from '../../src/model/world.ts';
import { baselineContext, worldAt } from './fixture.ts';

/** A world at `tick` whose developers are due on their first release months. */
function scheduled(context: Awaited<ReturnType<typeof baselineContext>>, tick: number): World {
  const world = worldAt(context, tick);
  const agents = world.agents.map((agent) => ({
    ...agent,
    nextReleaseTick: firstReleaseTick(context.scenario, context.developers[agent.index]!),
  }));
  return { ...world, agents };
}

describe('releases', () => {
  it('a due lab releases a flagship at its target and a small model below it, then schedules the next', async () => {
    const context = await baselineContext({ 'capability.releaseNoisePoints': 0 });
    const { scenario } = context;
    const openai = context.indexOf.get('openai')!;
    const spec = context.developers[openai]!;
    const tick = firstReleaseTick(scenario, spec);
    expect(tick).toBe(4); // 2023-03
    const world = scheduled(context, tick);
    const {
      released,
      nextReleaseTick: next,
      releases,
    } = releasesThisMonth(world, context, createStreams(1).releases);
    const own = released.filter((model) => model.developer === openai);
    const [flagship, small] = own;
    const target = flagshipTarget(spec, world.technology, scenario);
    expect(flagship).toMatchObject({ name: 'openai-g1', tier: 'flagship', capability: target });
    expect(small).toMatchObject({
      name: 'openai-g1-small',
      tier: 'small',
      capability: target - spec.releases.smallModel!.gapPoints,
    });
    // With ample cash it spends its schedule; the research compute behind the run is costed too.
    expect(flagship!.trainingCostUsd).toBeCloseTo(
      spec.trainingCostUsd *
        world.technology.trainingCostIndex *
        (1 + scenario.finance.researchComputeMultiple),
      6,
    );
    expect(small!.trainingCostUsd).toBe(flagship!.trainingCostUsd * 0.1);
    // Its serving compute is fixed by the algorithms of its release month.
    expect(flagship!.computeUnitsPerMTok).toBe(
      computeUnitsPerMTok(scenario, target, algorithmicEfficiencyAt(scenario, tick)),
    );
    expect(flagship!.retiresTick).toBe(tick + spec.releases.lifetimeMonths);
    expect(released.map((model) => model.index)).toEqual(released.map((_, i) => i));
    expect(releases.get(openai)).toBe(1);
    const { cadenceMonths, jitterMonths } = spec.releases;
    expect(next.get(openai)).toBeGreaterThanOrEqual(tick + cadenceMonths - jitterMonths);
    expect(next.get(openai)).toBeLessThanOrEqual(tick + cadenceMonths + jitterMonths);
  });

  it('the next release is the cadence give or take the jitter, and never the same month', async () => {
    const context = await baselineContext({
      'agents.openai.releases.cadenceMonths': 2,
      'agents.openai.releases.jitterMonths': 3,
    });
    const spec = context.developers[context.indexOf.get('openai')!]!;
    const uniform = createStreams(3).releases;
    const seen = new Set<number>();
    for (let draw = 0; draw < 500; draw++) seen.add(nextReleaseTick(spec, 10, uniform) - 10);
    expect([...seen].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
  });

  it('a model on sale before the start keeps the compute of its release', async () => {
    const context = await baselineContext({
      'agents.openai.initialModels': [{ name: 'old', capability: 1100, ageMonths: 12 }],
    });
    const { scenario } = context;
    const openai = context.indexOf.get('openai')!;
    const [old] = initialModels(0, 0, context, openai, context.developers[openai]!);
    expect(old).toMatchObject({ releasedTick: -12, trainingCostUsd: 0 });
    expect(old!.computeUnitsPerMTok).toBeCloseTo(
      scenario.technology.algorithmicEfficiencyPerYear,
      9,
    );
  });

  it('an open-weight release event puts a model that close to the frontier; an entrant brings its models', async () => {
    const context = await baselineContext({
      'capability.releaseNoisePoints': 0,
      'agents.mistral.initialModels': [{ name: 'mistral-7b', capability: 1000 }],
      events: [
        { kind: 'open-weight-release', date: '2023-01', agent: 'meta', gapPoints: 5 },
        { kind: 'entry', date: '2023-01', agent: 'mistral' },
      ],
    });
    const world = scheduled(context, 2);
    const { released } = releasesThisMonth(world, context, createStreams(1).releases);
    const meta = context.indexOf.get('meta')!;
    const mistral = context.indexOf.get('mistral')!;
    expect(released.find((m) => m.developer === meta && m.tier === 'flagship')).toMatchObject({
      capability: world.technology.researchFrontier - 5,
      open: true,
    });
    expect(released.find((m) => m.developer === mistral)).toMatchObject({
      name: 'mistral-7b',
      capability: 1000,
    });
  });
});
