/**
 * Demand: how many tokens a customer buys at a price, the consumer surplus it keeps, the money
 * value of a better offer and what leaving its seller costs. Equations: docs/MODEL.md, "Volumes
 * and consumer surplus" and "Lock-in".
 *
 * A customer with willingness to pay w (USD/MTok) and volume v (MTok/month at price w) buys
 *
 *   q(p) = D (p + a)^-eta,   D = v (w + a)^eta,   for p <= w, and nothing above w:
 *
 * constant elasticity eta well above the saturation price a (USD/MTok), and a need of
 * D a^-eta MTok a month that use approaches as the price falls below a, so that tokens, spend
 * and surplus stay finite however far prices fall (a = 0: constant elasticity throughout). Its
 * consumer surplus is the area under that demand curve between p and w:
 *
 *   CS = D (S(p) - S(w)),  S(x) = (x + a)^(1 - eta) / (eta - 1)  (S(x) = -ln(x + a) when eta = 1).
 */

/**
 * G(t) = (1 + g)^y: how much a segment's need has grown after `years` (longer tasks, reasoning,
 * agents), at growth `g` a year; every customer's demand scale is multiplied by it.
 */
export function needGrowth(volumeGrowthPerYear: number, years: number): number {
  return (1 + volumeGrowthPerYear) ** years;
}

/** D = v (w + a)^eta, so that tokens = D x volumeFactor(price). */
export function demandScale(
  volumeMTokAtWtp: number,
  wtpUsdPerMTok: number,
  elasticity: number,
  saturationUsdPerMTok = 0,
) {
  return volumeMTokAtWtp * (wtpUsdPerMTok + saturationUsdPerMTok) ** elasticity;
}

/** (p + a)^-eta: tokens bought per unit of demand scale. */
export function volumeFactor(
  priceUsdPerMTok: number,
  elasticity: number,
  saturationUsdPerMTok = 0,
): number {
  return (priceUsdPerMTok + saturationUsdPerMTok) ** -elasticity;
}

/**
 * -d ln q / d ln p = eta p / (p + a): the elasticity of a customer's volume at price p, eta well
 * above the saturation price a, falling to 0 below it.
 */
export function volumeElasticity(
  priceUsdPerMTok: number,
  elasticity: number,
  saturationUsdPerMTok = 0,
): number {
  if (saturationUsdPerMTok === 0) return elasticity;
  return (elasticity * priceUsdPerMTok) / (priceUsdPerMTok + saturationUsdPerMTok);
}

const UNIT_ELASTICITY = 1e-9;

/** S(x), the antiderivative of -(x + a)^-eta; consumer surplus is D (S(p) - S(w)). */
export function surplusFactor(
  priceUsdPerMTok: number,
  elasticity: number,
  saturationUsdPerMTok = 0,
): number {
  const shifted = priceUsdPerMTok + saturationUsdPerMTok;
  if (Math.abs(elasticity - 1) < UNIT_ELASTICITY) return -Math.log(shifted);
  return shifted ** (1 - elasticity) / (elasticity - 1);
}

/**
 * The money a customer gains a month by moving from its current offer to another. Utility is
 * linear in log price, so an offer with systematic utility V is worth as much as a plain offer
 * at its quality-adjusted price a = exp(-V / alpha) (up to a constant factor): moving from c to
 * k is worth the current price falling by the factor a_k / a_c,
 *   gain = tokens_c x price_c x (1 - a_k / a_c).
 */
/** a_k / a_c = exp((V_c - V_k) / alpha), from the two offers' utilities. */
export function qualityAdjustedPriceRatio(
  currentUtility: number,
  candidateUtility: number,
  inverseSensitivity: number,
): number {
  return Math.exp((currentUtility - candidateUtility) * inverseSensitivity);
}

export function monthlyGainUsd(
  currentTokensMTok: number,
  currentPriceUsdPerMTok: number,
  adjustedPriceRatio: number,
): number {
  return currentTokensMTok * currentPriceUsdPerMTok * (1 - adjustedPriceRatio);
}

/**
 * The cost of leaving a seller, USD, scaling with how deeply the customer has integrated
 * (Klemperer 1987, 1995; Farrell and Klemperer 2007):
 *   K = kappa x monthly spend x min(months integrated, cap),
 * kappa in USD per USD of monthly spend and month integrated. With kappa x cap = 3, a fully
 * integrated customer gives up three months of its spend to move.
 */
export function switchingCostUsd(
  kappa: number,
  spendUsdPerMonth: number,
  monthsIntegrated: number,
  maxIntegrationMonths: number,
): number {
  return kappa * spendUsdPerMonth * Math.min(monthsIntegrated, maxIntegrationMonths);
}
