/**
 * Phase 5: token volumes respond to price. Every buying customer takes D p^-eta tokens from its
 * supplier (split with its second supplier when it multi-homes); the real volumes are the
 * simulated ones times the segment weights. Consumer surplus is the area under each customer's
 * demand curve between the price paid and its willingness to pay.
 */
import type { ChoiceMarket, ChoiceTally } from '../../model/choice.ts';
import type { RunContext } from '../context.ts';
import { NO_OFFER, type Population, segmentWeights } from '../population.ts';
import type { World } from '../world.ts';

export interface MonthVolumes {
  /** Retail tokens per slot, million tokens (real customers). */
  readonly tokensMTok: Float64Array;
  /** Real customers whose main supplier is the slot. */
  readonly customers: Float64Array;
  /** Switching costs of a slot's customers spread over their payback volume, USD per MTok. */
  readonly lockInUsdPerMTok: Float64Array;
  /** Token-weighted price sensitivity of a slot's customers (NaN without customers). */
  readonly priceSensitivity: Float64Array;
  /** Consumer surplus before switching costs, USD. */
  readonly grossConsumerSurplusUsd: number;
  readonly switchingCostsUsd: number;
  /** Real customers who changed seller, and who bought anything, this month. */
  readonly switches: number;
  readonly buyers: number;
}

export function settleVolumes(
  world: World,
  context: RunContext,
  population: Population,
  market: ChoiceMarket,
  tally: ChoiceTally,
): MonthVolumes {
  const { slots, slotOf, volumeFactor, surplusFactor, secondaryVolumeShare } = market;
  const weights = segmentWeights(context.scenario, population, world.technology.years);
  const { segment, tasteGroup, demandScale, surplusAtWtp, switchingCostUsd, primary, secondary } =
    population;
  const alphas = population.groupPriceSensitivity;
  const tokens = new Float64Array(slots);
  const customers = new Float64Array(slots);
  const switchingCostSum = new Float64Array(slots);
  const alphaTokens = new Float64Array(slots);
  let surplus = 0;
  let buyers = 0;

  for (let i = 0; i < population.size; i++) {
    const main = primary[i]!;
    if (main === NO_OFFER) continue;
    const s = segment[i]!;
    const weight = weights[s]!;
    const scale = demandScale[i]! * weight;
    const alpha = alphas[tasteGroup[i]!]!;
    const second = secondary[i]!;
    const secondShare = second === NO_OFFER ? 0 : secondaryVolumeShare[s]!;
    const k = slotOf[main]!;
    const mainTokens = scale * volumeFactor[k]! * (1 - secondShare);
    tokens[k] = tokens[k]! + mainTokens;
    customers[k] = customers[k]! + weight;
    switchingCostSum[k] = switchingCostSum[k]! + switchingCostUsd[i]! * weight;
    alphaTokens[k] = alphaTokens[k]! + alpha * mainTokens;
    surplus += scale * (surplusFactor[k]! - surplusAtWtp[i]!) * (1 - secondShare);
    buyers += weight;
    if (secondShare > 0) {
      const k2 = slotOf[second]!;
      const secondTokens = scale * volumeFactor[k2]! * secondShare;
      tokens[k2] = tokens[k2]! + secondTokens;
      alphaTokens[k2] = alphaTokens[k2]! + alpha * secondTokens;
      surplus += scale * (surplusFactor[k2]! - surplusAtWtp[i]!) * secondShare;
    }
  }

  const lockInUsdPerMTok = new Float64Array(slots);
  const priceSensitivity = new Float64Array(slots);
  const payback = context.scenario.demand.paybackMonths;
  for (let k = 0; k < slots; k++) {
    const offer = world.offers[market.offerOf[k]!]!;
    const volume = tokens[k]!;
    lockInUsdPerMTok[k] =
      volume > 0
        ? (switchingCostSum[k]! * offer.lockIn * world.switchingCostMultiplier) / (payback * volume)
        : 0;
    priceSensitivity[k] = volume > 0 ? alphaTokens[k]! / volume : Number.NaN;
  }
  let switches = 0;
  let switchingCostsUsd = 0;
  for (let s = 0; s < weights.length; s++) {
    switches += tally.switches[s]! * weights[s]!;
    switchingCostsUsd += tally.switchingCostUsd[s]! * weights[s]!;
  }
  return {
    tokensMTok: tokens,
    customers,
    lockInUsdPerMTok,
    priceSensitivity,
    grossConsumerSurplusUsd: surplus,
    switchingCostsUsd,
    switches,
    buyers,
  };
}
