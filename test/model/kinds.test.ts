import { describe, expect, it } from 'vitest';
import {
  AGENT_KIND_RULES,
  cloudOf,
  computeSupply,
  developerSpec,
  flagshipTarget,
  openModelChannel,
  ownModelSellers,
  productOf,
  releasesOpenWeights,
  revenueShareTerms,
} from '../../src/model/agent-kinds.ts';
import { researchGapPoints } from '../../src/model/kinds/lab.ts';
import { openWeightLagMonths } from '../../src/model/kinds/open-weight.ts';
import { technologyAt } from '../../src/model/technology.ts';
import { AGENT_KINDS, type LabSpec } from '../../src/scenario/schema.ts';
import { baselineContext } from './fixture.ts';

describe('one table of what each agent kind does', () => {
  it('has an entry for every kind', () => {
    expect(Object.keys(AGENT_KIND_RULES).sort()).toEqual([...AGENT_KINDS].sort());
  });

  it("answers for the baseline's agents as docs/MODEL.md says", async () => {
    const { agentSpecs, agentIds, indexOf } = await baselineContext();
    const answers = Object.fromEntries(
      agentSpecs.map((spec, index) => [
        agentIds[index],
        {
          develops: developerSpec(spec) !== null,
          open: releasesOpenWeights(spec),
          resells: openModelChannel(spec),
          product: productOf(spec)?.supply.from ?? null,
          compute: computeSupply(spec).from,
          cloud: cloudOf(spec) !== null,
          sellers: ownModelSellers(spec, index, indexOf).map(
            (s) => `${agentIds[s.seller]}/${s.channel}${s.resale ? ' resale' : ''}`,
          ),
        },
      ]),
    );
    expect(answers.openai).toEqual({
      develops: true,
      open: false,
      resells: null,
      product: 'own-models',
      compute: 'hyperscaler',
      cloud: false,
      sellers: ['openai/api', 'azure/cloud resale'],
    });
    expect(answers.meta).toMatchObject({ develops: true, open: true, sellers: [] });
    expect(answers.mistral).toMatchObject({
      open: true,
      sellers: ['mistral/api'],
      compute: 'market',
    });
    expect(answers.azure).toEqual({
      develops: false,
      open: false,
      resells: 'cloud',
      product: null,
      compute: 'own-datacenters',
      cloud: true,
      sellers: [],
    });
    expect(answers.apps).toMatchObject({ develops: false, product: 'wholesale', resells: null });
    expect(answers.together).toMatchObject({ develops: false, resells: 'api', compute: 'market' });
    expect(revenueShareTerms(agentSpecs[indexOf.get('anthropic')!]!, indexOf)).toEqual({
      partner: indexOf.get('aws'),
      share: 0.2,
    });
    expect(revenueShareTerms(agentSpecs[indexOf.get('meta')!]!, indexOf)).toBeNull();
  });

  it("a lab's research gap closes at its rate down to its floor, never below it nor above the start", () => {
    const lab = (gap: number, shrink: number, floor: number) =>
      ({
        researchGapPoints: gap,
        researchGapShrinkPointsPerYear: shrink,
        minResearchGapPoints: floor,
      }) as LabSpec;
    expect(researchGapPoints(lab(120, 60, 0), 0)).toBe(120);
    expect(researchGapPoints(lab(120, 60, 0), 1)).toBe(60);
    expect(researchGapPoints(lab(120, 60, 10), 3)).toBe(10);
    expect(researchGapPoints(lab(50, 60, 80), 2)).toBe(50);
  });

  it('flagships aim at the frontier less the gap (labs) or at the frontier of some months ago (open weights)', async () => {
    const { agentSpecs, indexOf, scenario } = await baselineContext();
    const technology = technologyAt(scenario, 18);
    const anthropic = agentSpecs[indexOf.get('anthropic')!]! as LabSpec;
    expect(flagshipTarget(anthropic, technology, scenario)).toBe(
      technology.researchFrontier - researchGapPoints(anthropic, 1.5),
    );
    const meta = agentSpecs[indexOf.get('meta')!]!;
    if (meta.kind !== 'open_weight') throw new Error('meta is an open-weight provider');
    const lag = openWeightLagMonths(meta, 1.5);
    expect(lag).toBe(
      Math.max(meta.minLagMonths, meta.lagMonthsAtStart - 1.5 * meta.lagShrinkMonthsPerYear),
    );
    expect(flagshipTarget(meta, technology, scenario)).toBeCloseTo(
      technology.researchFrontier - (scenario.capability.frontierGainPointsPerYear * lag) / 12,
      12,
    );
    expect(() => flagshipTarget(agentSpecs[indexOf.get('azure')!]!, technology, scenario)).toThrow(
      /develops no models/,
    );
  });
});
