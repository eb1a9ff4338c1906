import { describe, expect, it } from 'vitest';
import { payRetail } from '../../src/model/accounts.ts';
import type { ChoiceMarket } from '../../src/model/choice.ts';
import { Ledger } from '../../src/model/ledger.ts';
import {
  computeSource,
  computeSources,
  marginalCostUsdPerMTok,
  payServing,
  servingCostUsdPerMTok,
} from '../../src/model/serving.ts';
import { marketRentalUsd } from '../../src/model/technology.ts';
import type { MonthVolumes } from '../../src/model/volumes.ts';
import { baselineContext, firstMonth, OPEN_MODELS_AT_START, worldAt } from './fixture.ts';

describe('where compute comes from, and what it costs', () => {
  it('each kind gets its compute where its module says, at the price of docs/MODEL.md', async () => {
    const context = await baselineContext({
      'agents.anthropic.compute.partner': false,
      'agents.google.compute.from': null,
      'agents.google.compute.partner': false,
    });
    const world = { ...worldAt(context, 18), computeCostMultiplier: 1.5 };
    const at = (id: string) => context.indexOf.get(id)!;
    const rental = (costFactor: number) =>
      marketRentalUsd(context.scenario, world.technology, costFactor, 1.5);
    // A hyperscaler runs its own datacenters, priced at the rental price times its cost factor.
    expect(computeSource(context, world, at('azure'))).toEqual({
      landlord: at('azure'),
      usdPerUnit: rental(0.7),
    });
    // A partner lab rents from its hyperscaler at cost; a tenant pays the rental markup.
    expect(computeSource(context, world, at('openai'))).toEqual({
      landlord: at('azure'),
      usdPerUnit: rental(0.7),
    });
    expect(computeSource(context, world, at('anthropic'))).toEqual({
      landlord: at('aws'),
      usdPerUnit: rental(0.7) * 1.3,
    });
    // Without a hyperscaler, labs, hosts and open-weight providers rent on the market.
    expect(computeSource(context, world, at('google'))).toEqual({
      landlord: null,
      usdPerUnit: rental(1),
    });
    for (const id of ['together', 'mistral']) {
      const spec = context.agentSpecs[at(id)]!;
      const costFactor = 'costFactor' in spec ? spec.costFactor : Number.NaN;
      expect(computeSource(context, world, at(id))).toEqual({
        landlord: null,
        usdPerUnit: rental(costFactor),
      });
    }
  });

  it("a lab's marginal cost is its serving cost grossed up by its partner's revenue share", async () => {
    const context = await baselineContext(OPEN_MODELS_AT_START);
    const world = firstMonth(context);
    const sources = computeSources(context, world);
    const openai = context.indexOf.get('openai')!;
    const offer = world.offers.find((o) => o.seller === openai && o.channel === 'api')!;
    const model = world.models[offer.model]!;
    const serving = servingCostUsdPerMTok(sources, world, offer);
    expect(serving).toBe(model.computeUnitsPerMTok * sources[openai]!.usdPerUnit);
    expect(marginalCostUsdPerMTok(context, sources, world, offer)).toBeCloseTo(serving / 0.8, 12);
    // An open model shares no revenue, and runs on its seller's compute.
    const open = world.offers.find((o) => o.channel !== 'product' && world.models[o.model]!.open)!;
    expect(marginalCostUsdPerMTok(context, sources, world, open)).toBe(
      world.models[open.model]!.computeUnitsPerMTok * sources[open.seller]!.usdPerUnit,
    );
  });

  it('serving a resale pays the lab its share, the lab pays its compute; a hyperscaler counts the units', async () => {
    const context = await baselineContext();
    const world = firstMonth(context);
    const openai = context.indexOf.get('openai')!;
    const azure = context.indexOf.get('azure')!;
    const api = world.offers.find((o) => o.seller === openai && o.channel === 'api')!;
    const resale = world.offers.find((o) => o.seller === azure && o.resale)!;
    const priced = world.offers.map((o) => ({ ...o, priceUsdPerMTok: 10 }));
    const market = { slots: 2, offerOf: Int32Array.of(api.index, resale.index) } as ChoiceMarket;
    const volumes = {
      tokensMTok: Float64Array.of(100, 50),
      customers: Float64Array.of(0, 0),
    } as unknown as MonthVolumes;
    const ledger = new Ledger(world.agents.length);
    const served = new Float64Array(world.offers.length);
    const n = world.agents.length;
    const use = {
      ownUnits: new Float64Array(n),
      rentedUnits: new Float64Array(n),
      rentedUsd: new Float64Array(n),
    };
    const month = { ...world, offers: priced };
    payRetail(ledger, served, month, context, market, volumes);
    payServing(ledger, use, served, month, context, market);
    const compute = 150 * world.models[api.model]!.computeUnitsPerMTok;
    const rent = compute * computeSources(context, month)[openai]!.usdPerUnit;
    // Customers pay 1000 to OpenAI and 500 to Azure; Azure keeps a fifth of both; OpenAI rents
    // the compute for all 150 MTok from Azure, at cost (its partner).
    expect(ledger.spendUsd).toBe(1500);
    expect(ledger.revenueUsd[openai]).toBeCloseTo(1000 + 500 * 0.8, 9);
    expect(ledger.variableCostUsd[openai]).toBeCloseTo(1000 * 0.2 + rent, 9);
    expect(ledger.revenueUsd[azure]).toBeCloseTo(500 + 1000 * 0.2 + rent, 9);
    expect(ledger.variableCostUsd[azure]).toBeCloseTo(500 * 0.8, 9);
    expect(ledger.resourceCostUsd).toBe(0); // Azure's own datacenter costs are booked apart
    expect(use.ownUnits[azure]).toBeCloseTo(compute, 12);
    expect(use.rentedUnits.every((units) => units === 0)).toBe(true);
    expect(Array.from(served.filter((tokens) => tokens > 0))).toEqual([100, 50]);
  });
});
