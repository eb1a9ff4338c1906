import { describe, expect, it } from 'vitest';
import { createStreams } from '../../src/math/random.ts';
import {
  launchPriceUsdPerMTok,
  launchShare,
  monthQuotes,
  observedShare,
} from '../../src/model/quotes.ts';
import { computeSources, marginalCostUsdPerMTok } from '../../src/model/serving.ts';
import { type Offer, offerWith } from '../../src/model/world.ts';
import type { PricingView } from '../../src/scenario/pricing-strategy.ts';
import { baselineContext, firstMonth, OPEN_MODELS_AT_START, populationOf } from './fixture.ts';

describe('quotes', () => {
  it("a launch starts from twice its marginal cost and its seller's share in the channel", async () => {
    const views: PricingView[] = [];
    const context = await baselineContext({
      ...OPEN_MODELS_AT_START,
      'agents.together.pricing': (view: PricingView) => {
        views.push(view);
        return 1.5;
      },
    });
    const world = firstMonth(context);
    const { quotes } = monthQuotes(world, context, populationOf(context), createStreams(1).pricing);
    const sources = computeSources(context, world);
    expect(views.map((view) => view.offer.id)).toEqual([
      'together/llama/api',
      'together/mistral-7b/api',
    ]);
    for (const view of views) {
      const offer = world.offers.find((o) => o.key === view.offer.id)!;
      const cost = marginalCostUsdPerMTok(context, sources, world, offer);
      expect(view.offer).toMatchObject({ isLaunch: true, unitCostUsdPerMTok: cost, share: 0 });
      expect(view.offer.priceUsdPerMTok).toBe(launchPriceUsdPerMTok(cost));
      expect(quotes.get(offer.index)).toEqual({ priceUsdPerMTok: 1.5, unitCostUsdPerMTok: cost });
    }
    expect(launchPriceUsdPerMTok(3)).toBe(6);
  });

  it("a resale carries the lab's price; a price cut scales its seller's prices that month", async () => {
    const quote = async (events: unknown[]) => {
      const context = await baselineContext({ events });
      const world = firstMonth(context);
      const { quotes } = monthQuotes(
        world,
        context,
        populationOf(context),
        createStreams(1).pricing,
      );
      const price = (key: string) =>
        quotes.get(world.offers.find((o) => o.key === key)!.index)!.priceUsdPerMTok;
      return { api: price('openai/gpt-3.5/api'), resale: price('azure/gpt-3.5/cloud') };
    };
    const plain = await quote([]);
    expect(plain.resale).toBe(plain.api);
    const cut = await quote([{ kind: 'price-cut', date: '2022-11', agent: 'openai', factor: 0.5 }]);
    expect(cut.api).toBe(plain.api * 0.5);
    expect(cut.resale).toBe(cut.api);
  });

  it('every product finds its supplier, and is priced against what that supplier costs it', async () => {
    const context = await baselineContext();
    const world = firstMonth(context);
    const { quotes, products } = monthQuotes(
      world,
      context,
      populationOf(context),
      createStreams(1).pricing,
    );
    const api = world.offers.find((o) => o.key === 'openai/gpt-3.5/api')!;
    const plan = (id: string) => products.find((p) => p.agent === context.indexOf.get(id))!;
    // The aggregator buys the one model on sale, at its new price.
    expect(plan('apps').upstream?.index).toBe(api.index);
    expect(plan('apps').quote?.unitCostUsdPerMTok).toBe(quotes.get(api.index)!.priceUsdPerMTok);
    // OpenAI's product runs on its own model, at its own marginal cost.
    expect(plan('openai').upstream?.index).toBe(api.index);
    expect(plan('openai').quote?.unitCostUsdPerMTok).toBe(
      quotes.get(api.index)!.unitCostUsdPerMTok,
    );
    // Labs with no model on sale yet have no supplier, and no quote.
    expect(plan('anthropic')).toMatchObject({ upstream: undefined, quote: undefined });
  });

  it('a new offer expects the best share its seller holds in the channel', () => {
    const offer = (seller: number, channel: Offer['channel'], share: number) =>
      offerWith({ seller, channel, share } as Offer);
    const offers = [
      offer(1, 'api', 0.2),
      offer(1, 'api', 0.35),
      offer(1, 'cloud', 0.6),
      offer(2, 'api', 0.9),
    ];
    expect(launchShare(offers, offer(1, 'api', 0))).toBe(0.35);
    expect(launchShare(offers, offer(3, 'api', 0))).toBe(0);
  });

  it('the observed share is the first estimate, then moves halfway to each new one', () => {
    expect(observedShare(0, 100, 30)).toBe(0.3);
    expect(observedShare(0.3, 100, 50)).toBe(0.4);
    expect(observedShare(0.3, 0, 0)).toBe(0.3);
  });
});
