/**
 * The choice kernel alone: 1,000,000 customers of the baseline's segments choosing among 10
 * offers of 5 model families, every customer re-evaluating every month, under the baseline's
 * nested logit and under plain logit (sigma = 0). Prints decisions per second (median of five
 * months, after a first month in which everyone picks a first supplier).
 */

import { createStreams } from '../../src/math/random.ts';
import { DescendingIndex } from '../../src/math/search.ts';
import { type ChoiceMarket, chooseSuppliers, createTally } from '../../src/model/choice.ts';
import { surplusFactor, volumeFactor } from '../../src/model/demand.ts';
import { admitCustomers, createPopulation } from '../../src/model/population.ts';
import { loadBaseline, median, print, round } from '../figures.ts';

const baseline = await loadBaseline();
print(choiceKernel());

function choiceKernel(): Record<string, number | string> {
  const customers = 1_000_000;
  const offers = 10;
  const scenario = { ...baseline, customers };
  const nested = monthsOfChoices(scenario, offers, baseline.demand.withinFamilyCorrelation);
  const plain = monthsOfChoices(scenario, offers, 0);
  const medianMs = median(nested.slice(1));
  return {
    case: 'choice-kernel',
    customers,
    offers,
    within_family_correlation: baseline.demand.withinFamilyCorrelation,
    decisions_per_s: Math.round((customers / medianMs) * 1000),
    first_month_ms: round(nested[0]!),
    median_month_ms: round(medianMs),
    plain_logit_decisions_per_s: Math.round((customers / median(plain.slice(1))) * 1000),
    target_decisions_per_s: 6_000_000,
  };
}

/** Milliseconds of each of six months of choices, the first one everyone's first choice. */
function monthsOfChoices(scenario: typeof baseline, offers: number, sigma: number): number[] {
  const streams = createStreams(1);
  const population = createPopulation(scenario, [0.3, 0.35, 0.15], streams.population);
  const market = syntheticMarket(population.groupPriceSensitivity, offers, sigma);
  const months: number[] = [];
  for (let month = 0; month < 6; month++) {
    // Every customer in the market from the first month (the horizon's last row of arrivals):
    // everyone chooses then, and no one is a newcomer after.
    admitCustomers(population, Number.MAX_SAFE_INTEGER);
    const tally = createTally(3, offers);
    const started = performance.now();
    chooseSuppliers(
      { ...market, firstMonth: month === 0, month },
      population,
      streams.reevaluation,
      streams.choice,
      tally,
    );
    months.push(performance.now() - started);
  }
  return months;
}

/**
 * Ten offers from $0.10 to $30 per million tokens, the dearer the more capable, the offer k of
 * seller and family k mod 5, at within-family correlation `sigma`.
 */
function syntheticMarket(
  groupPriceSensitivity: Float64Array,
  slots: number,
  sigma: number,
): ChoiceMarket {
  const price = Float64Array.from({ length: slots }, (_, k) => 0.1 * 300 ** (k / (slots - 1)));
  const capability = Float64Array.from({ length: slots }, (_, k) => 1000 + 40 * k);
  const groups = groupPriceSensitivity.length;
  const utility = new Float64Array(groups * slots);
  const weight = new Float64Array(groups * slots);
  const outsideWeight = new Float64Array(groups);
  for (let g = 0; g < groups; g++) {
    const alpha = groupPriceSensitivity[g]!;
    const v = Array.from(
      { length: slots },
      (_, k) => 0.01 * (capability[k]! - 1360) - alpha * Math.log(price[k]!),
    );
    const outside = -alpha * Math.log(25);
    const top = Math.max(outside, ...v);
    v.forEach((value, k) => {
      utility[g * slots + k] = value - top;
      weight[g * slots + k] = Math.exp(value - top);
    });
    outsideWeight[g] = Math.exp(outside - top);
  }
  const nests = sigma > 0 ? 5 : 0;
  const nestOf = Int32Array.from({ length: nests > 0 ? slots : 0 }, (_, k) => k % 5);
  const nestWeight = new Float64Array(nests > 0 ? groups * slots : 0);
  const nestTop = new Float64Array(groups * nests).fill(Number.NEGATIVE_INFINITY);
  for (let g = 0; g < groups * Math.sign(nests); g++) {
    for (let k = 0; k < slots; k++) {
      const n = g * nests + nestOf[k]!;
      nestTop[n] = Math.max(nestTop[n]!, utility[g * slots + k]!);
    }
    for (let k = 0; k < slots; k++) {
      const top = nestTop[g * nests + nestOf[k]!]!;
      nestWeight[g * slots + k] = Math.exp((utility[g * slots + k]! - top) / (1 - sigma));
    }
  }
  const order = Array.from({ length: slots }, (_, k) => slots - 1 - k);
  const capabilityDescending = Float64Array.from(order, (k) => capability[k]!);
  return {
    slots,
    slotOf: Int32Array.from({ length: slots }, (_, k) => k),
    offerOf: Int32Array.from({ length: slots }, (_, k) => k),
    heldCapability: Float64Array.of(Number.POSITIVE_INFINITY, ...capability),
    capability,
    price,
    capabilityDescending,
    capabilityCutoff: new DescendingIndex(capabilityDescending, slots),
    capabilityRank: Int32Array.from({ length: slots }, (_, k) => slots - 1 - k),
    seller: Int32Array.from({ length: slots }, (_, k) => k % 5),
    sellerOfOffer: Int32Array.from({ length: slots }, (_, k) => k % 5),
    lockInOfOffer: new Float64Array(slots).fill(1),
    groups,
    utility,
    weight,
    outsideWeight,
    nestingCorrelation: sigma,
    nests,
    nestOf,
    familyOfSlot: Int32Array.from({ length: slots }, (_, k) => k % 5),
    familyOfNest: Int32Array.from({ length: nests }, (_, n) => n),
    useCaseTastes: new Uint8Array(3),
    onboardingSpendMonths: new Float64Array(3),
    nestWeight,
    nestTop,
    subNests: 0,
    subNestOf: new Int32Array(0),
    nestOfSubNest: new Int32Array(0),
    subNestCorrelation: sigma,
    inverseSensitivity: Float64Array.from(groupPriceSensitivity, (alpha) => 1 / alpha),
    // One price index for every row: the kernel's cost does not depend on its value.
    menus: {
      row: (group, cutoff) => group * (slots + 1) + cutoff,
      priceIndex: new Float64Array(groups * (slots + 1)).fill(1),
      spend: new Float64Array(groups * (slots + 1)).fill(volumeFactor(1, 1.1)),
      surplus: new Float64Array(groups * (slots + 1)).fill(surplusFactor(1, 1.1)),
    },
    volumeMultiplier: new Float64Array([1, 1, 1]),
    reevaluationPerMonth: new Float64Array([1, 1, 1]),
    secondaryVolumeShare: new Float64Array([0, 0, 0.3]),
    requirementShift: 0,
    firstMonth: false,
    switchingCostMultiplier: 1,
    paybackMonths: 12,
    month: 0,
    maxIntegrationMonths: 12,
  };
}
