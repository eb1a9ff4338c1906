/**
 * Volumes and consumer surplus (docs/MODEL.md, phase 5, and "Welfare from the choice model").
 * A customer whose menu (its taste group's offers at its capability cut-off, a row of the
 * choice kernel) has price index P spends E = G(t) D (P + a)^-eta P USD a month whatever it
 * holds, nothing when P is above its willingness to pay w; holding offer j it buys E / p_j MTok
 * (a multi-homer splits E, not tokens, with its second supplier). Its consumer surplus is what
 * the offers add over the outside option alone, G(t) D (S(min(P, w)) - S(min(p_0, w))), with S
 * as in `demand.ts`; the real figures are the simulated ones times the segment weights. The
 * switching cost that holds a customer to its main offer is K = kappa x its spend on that offer
 * x months integrated (capped), `demand.ts`; a seller sees it per token of its volume.
 *
 * Both depend on each customer's row and w, not on D alone, so they come from one pass over the
 * population (the choice kernel's first pass reads as much each month).
 */

import { FRESH_ARRAYS, type TypedArrays } from '../math/arena.ts';
import { type Scenario, SEGMENTS } from '../scenario/schema.ts';
import type { ChoiceMarket, ChoiceTally } from './choice.ts';
import { surplusFactor, switchingCostUsd } from './demand.ts';
import { COUNT, MAIN, OfferCustomers, SOLE, SUMS } from './offer-customers.ts';
import { NO_OFFER, type Population, segmentWeights } from './population.ts';
import type { VendorCounts } from './workloads.ts';
import type { World } from './world.ts';

export interface MonthVolumes {
  /** Retail tokens per slot, million tokens (real customers). */
  readonly tokensMTok: Float64Array;
  /** The same by segment: `segmentTokensMTok[segment * slots + slot]`. */
  readonly segmentTokensMTok: Float64Array;
  /** Real customers whose main supplier is the slot. */
  readonly customers: Float64Array;
  /** Switching costs of a slot's customers spread over their payback volume, USD per MTok. */
  readonly lockInUsdPerMTok: Float64Array;
  /** Token-weighted price sensitivity of a slot's customers (NaN without customers). */
  readonly priceSensitivity: Float64Array;
  /** Token-weighted menu price index per segment, USD/MTok (NaN where nothing is bought). */
  readonly segmentPriceIndexUsdPerMTok: Float64Array;
  /** Consumer surplus over the outside option before switching costs, USD. */
  readonly grossConsumerSurplusUsd: number;
  readonly switchingCostsUsd: number;
  /**
   * Real customers who changed seller, and who bought anything, this month; a workload of a
   * customer with W counts as 1/W of a customer.
   */
  readonly switches: number;
  readonly buyers: number;
  /** Real enterprises by primary vendor and model families (`workloads.ts`). */
  readonly enterpriseVendors: VendorCounts;
}

export function monthVolumes(
  world: World,
  scenario: Scenario,
  population: Population,
  market: ChoiceMarket,
  tally: ChoiceTally,
  arrays: TypedArrays = FRESH_ARRAYS,
): MonthVolumes {
  const { slots, slotOf, secondaryVolumeShare, capabilityCutoff, requirementShift } = market;
  const { menus, price, inverseSensitivity } = market;
  const { priceIndex } = menus;
  const { tasteGroup, requirement, willingnessToPay, demandScale, primary, secondary } = population;
  const { surplusAtWtp } = population;
  const { switchingCostPerSpendMonth, integratedSince } = population;
  const { month, maxIntegrationMonths } = market;
  const { priceElasticity: eta, saturationPriceUsdPerMTok: a } = scenario.demand;
  const weights = segmentWeights(scenario, population, world.technology.years);
  const { sums } = population.byOffer;
  const payback = scenario.demand.paybackMonths;
  const tokens = arrays.float64(slots);
  const segmentTokens = arrays.float64(SEGMENTS.length * slots);
  const customers = arrays.float64(slots);
  const lockInUsdPerMTok = arrays.float64(slots);
  const priceSensitivity = arrays.float64(slots);
  const alphaTokens = arrays.float64(slots);
  // Per slot, the switching costs of the customers it is the main supplier of, USD (real).
  const switching = arrays.float64(slots);
  const segmentPriceIndex = arrays.float64(SEGMENTS.length);
  const outsideSurplus = arrays.float64(SEGMENTS.length);
  let surplus = 0;
  let buyers = 0;

  let start = 0;
  for (let s = 0; s < SEGMENTS.length; s++) {
    // The segment's customers in the market this month.
    const end = start + population.arrived[s]!;
    const people = weights[s]!;
    const weight = people * market.volumeMultiplier[s]!;
    const second = secondaryVolumeShare[s]!;
    const outsidePrice = scenario.demand.segments[SEGMENTS[s]!].outsideOptionUsdPerMTok;
    // S(w) of each customer is kept with it (`surplusAtWtp`); S(outside price) is the segment's,
    // read from memory in the loop: held in a local, used only on one side of a branch, its
    // power was computed again for every customer on that side (the optimising compiler moved
    // it there), which doubled the month's time at 1,000,000 customers.
    outsideSurplus[s] = surplusFactor(outsidePrice, eta, a);
    let segmentSpend = 0;
    let segmentIndexSpend = 0;
    for (let i = start; weight > 0 && i < end; i++) {
      const w = willingnessToPay[i]!;
      const cutoff = capabilityCutoff.countAtLeast(requirement[i]! + requirementShift);
      const row = menus.row(tasteGroup[i]!, cutoff);
      const index = priceIndex[row]!;
      // The surplus the offers add over the outside option: 0 when neither is below w.
      const low = index <= w ? menus.surplus[row]! : surplusAtWtp[i]!;
      const high = outsidePrice <= w ? outsideSurplus[s]! : surplusAtWtp[i]!;
      surplus += weight * demandScale[i]! * (low - high);
      const main = primary[i]!;
      if (main === NO_OFFER || index > w) continue;
      const spend = weight * demandScale[i]! * menus.spend[row]!;
      const alpha = 1 / inverseSensitivity[tasteGroup[i]!]!;
      const other = secondary[i]!;
      const mainSpend = other === NO_OFFER ? spend : (1 - second) * spend;
      const k = slotOf[main]!;
      const mainTokens = mainSpend / price[k]!;
      tokens[k] = tokens[k]! + mainTokens;
      segmentTokens[s * slots + k] = segmentTokens[s * slots + k]! + mainTokens;
      alphaTokens[k] = alphaTokens[k]! + alpha * mainTokens;
      // Integration is its main supplier's: that is what it would give up by moving.
      switching[k] =
        switching[k]! +
        switchingCostUsd(
          switchingCostPerSpendMonth[i]!,
          mainSpend,
          month - integratedSince[i]!,
          maxIntegrationMonths,
        );
      if (other !== NO_OFFER) {
        const j = slotOf[other]!;
        const otherTokens = (second * spend) / price[j]!;
        tokens[j] = tokens[j]! + otherTokens;
        segmentTokens[s * slots + j] = segmentTokens[s * slots + j]! + otherTokens;
        alphaTokens[j] = alphaTokens[j]! + alpha * otherTokens;
      }
      buyers += people;
      segmentSpend += spend;
      segmentIndexSpend += spend / index;
    }
    // Token-weighted over the composite: spend over the tokens it buys at the index.
    segmentPriceIndex[s] = segmentIndexSpend > 0 ? segmentSpend / segmentIndexSpend : Number.NaN;
    start += population.segmentCounts[s]!;
  }

  for (let k = 0; k < slots; k++) {
    const offer = market.offerOf[k]!;
    for (let s = 0; s < SEGMENTS.length; s++) {
      const people = weights[s]!;
      if (people === 0) continue;
      const sole = OfferCustomers.bucket(offer, s, SOLE) * SUMS;
      const main = OfferCustomers.bucket(offer, s, MAIN) * SUMS;
      customers[k] = customers[k]! + people * (sums[sole + COUNT]! + sums[main + COUNT]!);
    }
    const volume = tokens[k]!;
    const lockIn = world.offers[offer]!.lockIn * world.switchingCostMultiplier;
    lockInUsdPerMTok[k] = volume > 0 ? (switching[k]! * lockIn) / (payback * volume) : 0;
    priceSensitivity[k] = volume > 0 ? alphaTokens[k]! / volume : Number.NaN;
  }

  // A simulated enterprise is W entries, each standing for weight real enterprises' workloads.
  const enterprise = SEGMENTS.indexOf('enterprise');
  const enterpriseCustomerWeight = weights[enterprise]! * population.segmentWorkloads[enterprise]!;
  let switches = 0;
  let switchingCostsUsd = 0;
  for (let s = 0; s < weights.length; s++) {
    switches += tally.switches[s]! * weights[s]!;
    switchingCostsUsd += tally.switchingCostUsd[s]! * weights[s]!;
  }
  return {
    tokensMTok: tokens,
    segmentTokensMTok: segmentTokens,
    customers,
    lockInUsdPerMTok,
    priceSensitivity,
    segmentPriceIndexUsdPerMTok: segmentPriceIndex,
    grossConsumerSurplusUsd: surplus,
    switchingCostsUsd,
    switches,
    buyers,
    enterpriseVendors: realCustomers(tally.enterpriseVendors, enterpriseCustomerWeight),
  };
}

function realCustomers(counts: VendorCounts, weight: number): VendorCounts {
  return {
    buyers: counts.buyers * weight,
    threeFamilies: counts.threeFamilies * weight,
    stayed: counts.stayed * weight,
    switched: counts.switched * weight,
  };
}
