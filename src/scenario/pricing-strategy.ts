/**
 * What a pricing strategy sees and returns: the contract between a scenario's custom strategy and
 * the model. The built-in strategies are in model/pricing.ts.
 */
import type { YearMonth } from '../math/calendar.ts';

export type Channel = 'api' | 'cloud' | 'product';

/** What a seller observes about one of its offers when it sets that offer's price. */
export interface PricingView {
  readonly tick: number;
  readonly date: YearMonth;
  readonly seller: { readonly id: string; readonly kind: string };
  readonly offer: {
    readonly id: string;
    readonly channel: Channel;
    readonly capability: number;
    /** The current price; at launch, twice its cost (model/quotes.ts, launchPriceUsdPerMTok). */
    readonly priceUsdPerMTok: number;
    /** Marginal cost of a million tokens, revenue shares included. */
    readonly unitCostUsdPerMTok: number;
    readonly ageMonths: number;
    /** True on the month the offer appears: strategies jump straight to their target. */
    readonly isLaunch: boolean;
    /** Last month's logit share among the customers who could choose this offer. */
    readonly share: number;
    /** Last month's volume, million tokens. */
    readonly tokensMTok: number;
    /** Its customers' switching costs spread over their payback volume, USD per MTok. */
    readonly lockInUsdPerMTok: number;
  };
  readonly market: {
    /** Logit weight on log price (alpha) of the offer's customers. */
    readonly priceSensitivity: number;
    /** Elasticity of a customer's token volume at the offer's price, eta p / (p + a) (docs/MODEL.md, phase 5). */
    readonly priceElasticity: number;
    readonly frontierCapability: number;
    readonly rivalPricesUsdPerMTok: readonly number[];
  };
  /** A uniform draw in [0, 1) from the run's pricing stream, for randomised strategies. */
  readonly random: () => number;
}

/** Returns the offer's new price in USD per million tokens. */
export type PricingStrategy = (view: PricingView) => number;
