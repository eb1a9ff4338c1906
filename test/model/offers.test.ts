import { describe, expect, it } from 'vitest';
import { productUpstream, retiringOffers } from '../../src/model/offers.ts';
import { type Offer, offerWith } from '../../src/model/world.ts';
import { baselineContext, firstMonth, OPEN_MODELS_AT_START } from './fixture.ts';

describe('who sells what', () => {
  it("a lab's model through its API and its partner's cloud; an open model by every host and open cloud", async () => {
    const context = await baselineContext(OPEN_MODELS_AT_START);
    const world = firstMonth(context);
    expect(world.offers.map((offer) => offer.key)).toEqual([
      'openai/gpt-3.5/api',
      'azure/gpt-3.5/cloud',
      'azure/llama/cloud',
      'aws/llama/cloud',
      'gcp/llama/cloud',
      'together/llama/api',
      'mistral/mistral-7b/api',
      'azure/mistral-7b/cloud',
      'aws/mistral-7b/cloud',
      'gcp/mistral-7b/cloud',
      'together/mistral-7b/api',
      'openai/product',
      'anthropic/product',
      'google/product',
      'apps/product',
    ]);
    expect(world.offers.map((offer) => offer.index)).toEqual(world.offers.map((_, i) => i));
    expect(world.offers.filter((offer) => offer.resale).map((offer) => offer.key)).toEqual([
      'azure/gpt-3.5/cloud',
    ]);
    // An offer carries its developer's brand, and its seller's when someone else sells it.
    const brand = (id: string) => context.agentSpecs[context.indexOf.get(id)!]!.brandUtility;
    const byKey = new Map(world.offers.map((offer) => [offer.key, offer]));
    expect(byKey.get('openai/gpt-3.5/api')!.brandUtility).toBe(brand('openai'));
    expect(byKey.get('together/llama/api')!.brandUtility).toBe(brand('meta') + brand('together'));
    // A listed price carries over; a new offer has none until its seller prices its launch.
    expect(byKey.get('openai/gpt-3.5/api')!.priceUsdPerMTok).toBe(20);
    expect(byKey.get('together/llama/api')!.priceUsdPerMTok).toBeNaN();
  });

  it('token offers close when their model retires; products stay', async () => {
    const context = await baselineContext(OPEN_MODELS_AT_START);
    const world = firstMonth(context);
    const models = world.models.map((model) =>
      model.name === 'llama' ? { ...model, retiresTick: 3 } : model,
    );
    const later = { ...world, tick: 3 };
    expect(retiringOffers(later, models).map((o) => world.offers[o]!.key)).toEqual([
      'azure/llama/cloud',
      'aws/llama/cloud',
      'gcp/llama/cloud',
      'together/llama/api',
    ]);
    expect(retiringOffers({ ...world, tick: 2 }, models)).toEqual([]);
  });

  it("every offer of a developer that has exited closes, its partner's resale and its product too", async () => {
    const context = await baselineContext(OPEN_MODELS_AT_START);
    const world = firstMonth(context);
    const openai = context.indexOf.get('openai')!;
    const agents = world.agents.map((agent) =>
      agent.index === openai ? { ...agent, status: 'exited' as const } : agent,
    );
    const later = { ...world, tick: 2, agents };
    expect(retiringOffers(later, world.models).map((o) => world.offers[o]!.key)).toEqual([
      'openai/gpt-3.5/api',
      'azure/gpt-3.5/cloud',
      'openai/product',
    ]);
  });

  it('a wholesale product buys the cheapest adequate offer; an own product runs on its best model', () => {
    const offer = (index: number, seller: number, resale = false) =>
      offerWith({ index, seller, resale } as Offer);
    const capability = [1200, 1170, 1150, 1300, 1100];
    const price = [10, 3, 1, 20, 0.5];
    const offers = [offer(0, 1), offer(1, 2), offer(2, 2), offer(3, 3, true), offer(4, 1)];
    const pick = (supply: Parameters<typeof productUpstream>[0], owner: number) =>
      productUpstream(
        supply,
        owner,
        offers,
        1300,
        (o) => capability[o.index]!,
        (o) => price[o.index]!,
      )?.index;
    // Within 150 points of the best (1300): offers 0-3; the cheapest of them is offer 2.
    expect(pick({ from: 'wholesale', toleranceBelowFrontierPoints: 150 }, 9)).toBe(2);
    expect(pick({ from: 'wholesale', toleranceBelowFrontierPoints: 0 }, 9)).toBe(3);
    expect(pick({ from: 'wholesale', toleranceBelowFrontierPoints: 500 }, 9)).toBe(4);
    // Its own most capable offer, not a resale of someone else's model.
    expect(pick({ from: 'own-models' }, 1)).toBe(0);
    expect(pick({ from: 'own-models' }, 3)).toBeUndefined();
  });
});
