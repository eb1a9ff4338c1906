import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/engine/simulation.ts';
import { InputError } from '../../src/errors.ts';
import {
  bargainThenHarvest,
  bertrandLogit,
  bertrandTarget,
  costPlus,
  lernerIndex,
  PRICE_FLOOR_USD_PER_MTOK,
} from '../../src/model/pricing.ts';
import { withParameter } from '../../src/scenario/parameters.ts';
import { PricingError } from '../../src/scenario/pricing-error.ts';
import type { PricingStrategy, PricingView } from '../../src/scenario/pricing-strategy.ts';
import { validateScenario } from '../../src/scenario/validate.ts';
import { smallBaseline } from '../helpers.ts';

function view(
  offer: Partial<PricingView['offer']>,
  market: Partial<PricingView['market']> = {},
): PricingView {
  return {
    tick: 10,
    date: '2023-09',
    seller: { id: 'lab', kind: 'lab' },
    offer: {
      id: 'lab/m/api',
      channel: 'api',
      capability: 1200,
      priceUsdPerMTok: 10,
      unitCostUsdPerMTok: 2,
      ageMonths: 24,
      isLaunch: false,
      share: 0.2,
      tokensMTok: 1e6,
      lockInUsdPerMTok: 0,
      ...offer,
    },
    market: {
      priceSensitivity: 2,
      priceElasticity: 1.1,
      frontierCapability: 1200,
      rivalPricesUsdPerMTok: [],
      ...market,
    },
    random: () => 0.5,
  };
}

describe('pricing strategies', () => {
  it('a seller with the larger share sets the higher Bertrand markup', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        fc.double({ min: 0.2, max: 3, noNaN: true }),
        fc.double({ min: 0, max: 0.98, noNaN: true }),
        fc.double({ min: 0.001, max: 0.02, noNaN: true }),
        (alpha, eta, share, step) => {
          const small = bertrandTarget(
            view({ share }, { priceSensitivity: alpha, priceElasticity: eta }),
          );
          const large = bertrandTarget(
            view({ share: share + step }, { priceSensitivity: alpha, priceElasticity: eta }),
          );
          expect(small).toBeGreaterThan(2); // above unit cost
          // Strictly higher where the best response is interior, below the x100 markup cap
          // (Lerner index under 0.99); both at the cap otherwise.
          if (alpha * (1 - share - step) + eta > 1 / 0.99) expect(large).toBeGreaterThan(small);
          else expect(large).toBeGreaterThanOrEqual(small);
        },
      ),
    );
  });

  it('the Lerner index is 1 / (alpha (1 - s) + eta)', () => {
    expect(lernerIndex(2, 0.5, 1.1)).toBeCloseTo(1 / 2.1, 15);
    expect(lernerIndex(3, 0, 1)).toBeCloseTo(0.25, 15);
  });

  it('Bertrand prices move a damped step toward the best response, and launch at it', () => {
    const target = bertrandTarget(view({}));
    const damped = bertrandLogit({ damping: 0.25 })(view({ priceUsdPerMTok: 10 }));
    expect(damped).toBeCloseTo(10 + 0.25 * (target - 10), 12);
    expect(bertrandLogit({ damping: 0.25 })(view({ isLaunch: true }))).toBeCloseTo(target, 12);
  });

  it('cost-plus adds its markup to unit cost', () => {
    expect(costPlus({ markup: 0.15 })(view({ unitCostUsdPerMTok: 4 }))).toBeCloseTo(4.6, 12);
  });

  it('bargain-then-harvest prices near cost early, then above Bertrand by a share of lock-in', () => {
    const strategy = bargainThenHarvest({
      bargainMonths: 12,
      bargainMarkup: 0,
      harvestShare: 0.5,
      damping: 1,
    });
    expect(strategy(view({ ageMonths: 3, lockInUsdPerMTok: 2 }))).toBeCloseTo(2, 12);
    const target = bertrandTarget(view({}));
    expect(strategy(view({ ageMonths: 30, lockInUsdPerMTok: 2 }))).toBeCloseTo(target + 1, 12);
    // The premium is capped at the best-response price itself: at most it doubles the price.
    expect(strategy(view({ ageMonths: 30, lockInUsdPerMTok: 1e6 }))).toBeCloseTo(target * 1.5, 12);
  });

  it('a custom strategy from the scenario file sets the prices of its seller', async () => {
    const seen: string[] = [];
    const flatPrice: PricingStrategy = (offerView) => {
      seen.push(offerView.offer.id);
      return 7.77;
    };
    const scenario = validateScenario(
      withParameter(await smallBaseline(), 'agents.anthropic.pricing', flatPrice),
      'test',
    );
    const result = runScenario(scenario, { seed: 1 });
    const anthropic = result.agents.filter(
      (row) => row.agent === 'anthropic' && Number.isFinite(row.price),
    );
    expect(anthropic.length).toBeGreaterThan(0);
    expect(anthropic.every((row) => row.price === 7.77)).toBe(true);
    expect(seen.every((id) => id.startsWith('anthropic/'))).toBe(true);
    const openai = result.agents.filter(
      (row) => row.agent === 'openai' && Number.isFinite(row.price),
    );
    expect(openai.some((row) => row.price !== 7.77)).toBe(true);
  });

  it('a custom strategy that returns no price is bad input naming its field and value', async () => {
    const base = await smallBaseline();
    const withStrategy = (strategy: PricingStrategy) =>
      validateScenario(withParameter(base, 'agents.openai.pricing', strategy), 'test');
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, -1]) {
      const scenario = withStrategy(() => bad);
      const error = catchError(() => runScenario(scenario, { seed: 1 }));
      expect(error).toBeInstanceOf(PricingError);
      expect(error).toBeInstanceOf(InputError);
      const pricing = error as PricingError;
      expect(pricing.field).toBe('agents.openai.pricing');
      expect(pricing.value).toBe(bad);
      expect(pricing.scenario).toBe(scenario);
      expect(pricing.from('mine.ts').message).toMatch(
        new RegExp(
          `^mine\\.ts: agents\\.openai\\.pricing: expected a price of 0 or more USD per million tokens for openai/\\S+ in 2022-11 \\(got ${String(bad)}\\)$`,
        ),
      );
    }
    const thrown = catchError(() =>
      runScenario(
        withStrategy(() => {
          throw new RangeError('out of ideas');
        }),
        { seed: 1 },
      ),
    ) as PricingError;
    expect(thrown).toBeInstanceOf(PricingError);
    expect(thrown.message).toMatch(
      /^agents\.openai\.pricing: threw for openai\/\S+ in 2022-11: out of ideas$/,
    );
    expect(thrown.cause).toBeInstanceOf(RangeError);
  });

  it('a custom strategy may price at zero: the price floor applies', async () => {
    const scenario = validateScenario(
      withParameter(await smallBaseline({ months: 3 }), 'agents.openai.pricing', () => 0),
      'test',
    );
    const result = runScenario(scenario, { seed: 1 });
    const openai = result.agents.filter((row) => row.agent === 'openai');
    expect(openai.every((row) => row.price === PRICE_FLOOR_USD_PER_MTOK)).toBe(true);
  });
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
