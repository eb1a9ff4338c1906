/**
 * Volumes and consumer surplus (docs/MODEL.md, phase 5). Every buying customer takes D p^-eta
 * tokens from its supplier (split with its second supplier when it multi-homes); the real
 * volumes are the simulated ones times the segment weights. Consumer surplus is the area under
 * each customer's demand curve between the price paid and its willingness to pay,
 * D (S(p) - S(w)) (`demand.ts`).
 *
 * Both are linear in the customers' demand scales, so they come from the sums the choice kernel
 * keeps per offer (`OfferCustomers`): the cost is O(offers x segments), whatever the population.
 */

import { FRESH_ARRAYS, type TypedArrays } from '../math/arena.ts';
import { type Scenario, SEGMENTS } from '../scenario/schema.ts';
import type { ChoiceMarket, ChoiceTally } from './choice.ts';
import { switchingCostUsd } from './demand.ts';
import {
  ALPHA_DEMAND,
  COUNT,
  DEMAND,
  DEMAND_AT_WTP,
  KAPPA_DEMAND,
  KAPPA_DEMAND_SINCE,
  MAIN,
  OfferCustomers,
  SECOND,
  SOLE,
  SUMS,
} from './offer-customers.ts';
import { type Population, segmentWeights } from './population.ts';
import type { VendorCounts } from './workloads.ts';
import type { World } from './world.ts';

export interface MonthVolumes {
  /** Retail tokens per slot, million tokens (real customers). */
  readonly tokensMTok: Float64Array;
  /** The same by segment: `segmentTokensMTok[segment * slots + slot]`. */
  readonly segmentTokensMTok: Float64Array;
  /** Real customers whose main supplier is the slot. */
  readonly customers: Float64Array;
  /**
   * Switching costs of a slot's customers spread over their payback volume, USD per MTok: each
   * segment's at its customers' kappa D-weighted mean months of integration, capped.
   */
  readonly lockInUsdPerMTok: Float64Array;
  /** Token-weighted price sensitivity of a slot's customers (NaN without customers). */
  readonly priceSensitivity: Float64Array;
  /** Consumer surplus before switching costs, USD. */
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
  const { slots, offerOf, volumeFactor, surplusFactor, secondaryVolumeShare, price } = market;
  const weights = segmentWeights(scenario, population, world.technology.years);
  const { sums } = population.byOffer;
  const payback = scenario.demand.paybackMonths;
  const tokens = arrays.float64(slots);
  const segmentTokens = arrays.float64(SEGMENTS.length * slots);
  const customers = arrays.float64(slots);
  const lockInUsdPerMTok = arrays.float64(slots);
  const priceSensitivity = arrays.float64(slots);
  let surplus = 0;
  let buyers = 0;

  for (let k = 0; k < slots; k++) {
    const offer = offerOf[k]!;
    let demandScale = 0;
    let alphaScale = 0;
    let switching = 0;
    for (let s = 0; s < SEGMENTS.length; s++) {
      const weight = weights[s]! * market.volumeMultiplier[s]!;
      const people = weights[s]!;
      if (weight === 0) continue;
      const second = secondaryVolumeShare[s]!;
      const sole = OfferCustomers.bucket(offer, s, SOLE) * SUMS;
      const main = OfferCustomers.bucket(offer, s, MAIN) * SUMS;
      const shared = OfferCustomers.bucket(offer, s, SECOND) * SUMS;
      // Shares of each role's demand that this offer serves.
      const d =
        sums[sole + DEMAND]! +
        (1 - second) * sums[main + DEMAND]! +
        second * sums[shared + DEMAND]!;
      const dAtWtp =
        sums[sole + DEMAND_AT_WTP]! +
        (1 - second) * sums[main + DEMAND_AT_WTP]! +
        second * sums[shared + DEMAND_AT_WTP]!;
      const alphaD =
        sums[sole + ALPHA_DEMAND]! +
        (1 - second) * sums[main + ALPHA_DEMAND]! +
        second * sums[shared + ALPHA_DEMAND]!;
      const mainCustomers = sums[sole + COUNT]! + sums[main + COUNT]!;
      demandScale += weight * d;
      segmentTokens[s * slots + k] = weight * d * volumeFactor[k]!;
      alphaScale += weight * alphaD;
      // Integration is its main supplier's: sole and main customers are the ones locked in.
      const kappaD = sums[sole + KAPPA_DEMAND]! + sums[main + KAPPA_DEMAND]!;
      if (kappaD > 0) {
        const kappaDSince = sums[sole + KAPPA_DEMAND_SINCE]! + sums[main + KAPPA_DEMAND_SINCE]!;
        switching +=
          people *
          switchingCostUsd(
            kappaD,
            market.volumeMultiplier[s]! * volumeFactor[k]! * price[k]!,
            market.month - kappaDSince / kappaD,
            market.maxIntegrationMonths,
          );
      }
      surplus += weight * (surplusFactor[k]! * d - dAtWtp);
      customers[k] = customers[k]! + people * mainCustomers;
      buyers += people * mainCustomers;
    }
    const volume = demandScale * volumeFactor[k]!;
    tokens[k] = volume;
    const lockIn = world.offers[offerOf[k]!]!.lockIn * world.switchingCostMultiplier;
    lockInUsdPerMTok[k] = volume > 0 ? (switching * lockIn) / (payback * volume) : 0;
    priceSensitivity[k] = demandScale > 0 ? alphaScale / demandScale : Number.NaN;
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
