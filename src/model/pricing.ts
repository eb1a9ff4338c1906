/**
 * Pricing: what a seller can observe, and the strategies that turn it into a price.
 *
 * A strategy is a pure function of a `PricingView`; a scenario may pass its own. The built-in
 * strategies are cost-plus, a damped Bertrand best response under logit demand, and Klemperer's
 * bargain-then-harvest. Equations: docs/MODEL.md, "Pricing".
 */
import type { PricingStrategy, PricingView } from '../scenario/pricing-strategy.ts';

/** No price falls below this, so that log-price utility stays finite. */
export const PRICE_FLOOR_USD_PER_MTOK = 1e-6;

/**
 * The Lerner index (p - c) / p at the Bertrand best response under logit demand in log price,
 * with elastic volume: 1 / (alpha (1 - s) + eta). Berry (1994); Anderson, de Palma and Thisse
 * (1992). A larger share s means a less elastic residual demand, hence a higher markup.
 */
export function lernerIndex(priceSensitivity: number, share: number, priceElasticity: number) {
  const elasticity = priceSensitivity * (1 - Math.min(Math.max(share, 0), 1)) + priceElasticity;
  return elasticity > 1 ? 1 / elasticity : 1;
}

/** The price whose Lerner index is `lerner` at unit cost `cost`. */
export function priceForLerner(cost: number, lerner: number, ceiling = Number.POSITIVE_INFINITY) {
  if (lerner >= 1) return ceiling;
  return Math.min(cost / (1 - lerner), ceiling);
}

/** The best-response price before damping. */
export function bertrandTarget(view: PricingView): number {
  const lerner = lernerIndex(
    view.market.priceSensitivity,
    view.offer.share,
    view.market.priceElasticity,
  );
  // With alpha (1 - s) + eta <= 1 the monopoly price is unbounded: cap the markup at x100.
  return priceForLerner(view.offer.unitCostUsdPerMTok, lerner, 100 * view.offer.unitCostUsdPerMTok);
}

/** Moves the current price a share `damping` of the way to `target`; a launch jumps there. */
export function damp(view: PricingView, target: number, damping: number): number {
  if (view.offer.isLaunch) return target;
  return view.offer.priceUsdPerMTok + damping * (target - view.offer.priceUsdPerMTok);
}

/** Price = unit cost x (1 + markup), set at once. */
export function costPlus(options: { markup: number }): PricingStrategy {
  return (view) => view.offer.unitCostUsdPerMTok * (1 + options.markup);
}

/** Damped best response to rivals under logit demand. */
export function bertrandLogit(options: { damping: number }): PricingStrategy {
  return (view) => damp(view, bertrandTarget(view), options.damping);
}

/**
 * Klemperer (1987): sell cheap while building an installed base, then harvest the customers'
 * switching costs by pricing above the best response by a share of their lock-in. The premium
 * never exceeds the best-response price itself: lock-in per MTok grows as volume shrinks, and
 * uncapped it would feed on itself.
 */
export function bargainThenHarvest(options: {
  bargainMonths: number;
  bargainMarkup: number;
  harvestShare: number;
  damping: number;
}): PricingStrategy {
  return (view) => {
    const target =
      view.offer.ageMonths < options.bargainMonths
        ? view.offer.unitCostUsdPerMTok * (1 + options.bargainMarkup)
        : harvestPrice(view, options.harvestShare);
    return damp(view, target, options.damping);
  };
}

/** The best response plus a share of the customers' lock-in, at most doubling it. */
export function harvestPrice(view: PricingView, harvestShare: number): number {
  const target = bertrandTarget(view);
  return target + harvestShare * Math.min(view.offer.lockInUsdPerMTok, target);
}

/**
 * The strategy a scenario's pricing field names: a built-in by its spec, or the function itself;
 * null for `bertrand-nash`, whose prices come from the month's joint equilibrium (`quotes.ts`).
 */
export function strategyFor(
  pricing:
    | PricingStrategy
    | { strategy: 'bertrand-nash' }
    | { strategy: 'cost-plus'; markup: number }
    | { strategy: 'bertrand-logit'; damping: number }
    | {
        strategy: 'bargain-then-harvest';
        bargainMonths: number;
        bargainMarkup: number;
        harvestShare: number;
        damping: number;
      },
): PricingStrategy | null {
  if (typeof pricing === 'function') return pricing;
  switch (pricing.strategy) {
    case 'bertrand-nash':
      return null;
    case 'cost-plus':
      return costPlus(pricing);
    case 'bertrand-logit':
      return bertrandLogit(pricing);
    case 'bargain-then-harvest':
      return bargainThenHarvest(pricing);
  }
}
