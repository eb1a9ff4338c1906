/**
 * Customer choice: the logit choice kernel over the population's typed arrays.
 *
 * Every customer chooses in its first month in the market. Later, a customer re-evaluates with
 * its segment's probability, or is forced to when its offer is gone or no longer good enough. A
 * re-evaluating customer draws an offer from the logit over the offers it can use (capability
 * at least its requirement, whatever the price: a choice set that moved with prices would break
 * the welfare measure's link to demand) and the outside option. It moves to another seller than
 * the one it is integrated with only when the money value of the gain over the payback horizon
 * beats its switching cost, which grows with its spend (X(P) P at its menu's price index, its
 * main offer's part of it) and how long it has been integrated; the gain is measured against
 * what it keeps without switching: its offer, or when that is gone its seller's best offer (a
 * retired model's successor). Equations: docs/MODEL.md, "Choice" and "Lock-in".
 *
 * How it stays fast: the logit weights exp(V) are precomputed per taste group; and for each
 * taste group and capability cut-off the kernel builds, once a month and only when needed, the
 * cumulative weights along the slots' price order. A choice is then a few binary searches,
 * whatever the number of offers.
 */
import { FRESH_ARRAYS, type TypedArrays } from '../math/arena.ts';
import type { Uniform } from '../math/random.ts';
import type { DescendingIndex } from '../math/search.ts';
import { monthlyGainUsd, qualityAdjustedPriceRatio, switchingCostUsd } from './demand.ts';
import type { MenuRows } from './menus.ts';
import { addToSubNest, subNestTerm } from './nested-logit.ts';
import { integrationMonths, NO_OFFER, type Population } from './population.ts';
import type { VendorCounts } from './workloads.ts';

/** The offers on sale in one month, in slots, with everything the kernel needs per slot. */
export interface ChoiceMarket {
  /** Number of offers on sale; slots are sorted by price, cheapest first. */
  readonly slots: number;
  /** World offer index -> slot, or -1 when the offer is not on sale. */
  readonly slotOf: Int32Array;
  /** Slot -> world offer index. */
  readonly offerOf: Int32Array;
  /**
   * By world offer index + 1, so that entry 0 stands for "no offer": the capability of each
   * offer on sale; -Infinity for one that is not (nobody can use it), and +Infinity for no
   * offer (nothing to be forced out of). The monthly scan of every customer reads these, with
   * no branch on whether it has an offer.
   */
  readonly heldCapability: Float64Array;
  readonly capability: Float64Array;
  /** Ascending. */
  readonly price: Float64Array;
  /** Capabilities sorted from highest to lowest, and each slot's rank in that order. */
  readonly capabilityDescending: Float64Array;
  readonly capabilityRank: Int32Array;
  /**
   * `capabilityDescending` indexed: `capabilityCutoff.countAtLeast(need)` is the cut-off of a
   * customer whose requirement with the shift is `need`, the number of slots it can use.
   */
  readonly capabilityCutoff: DescendingIndex;
  /** Agent index of each slot's seller; moving between offers of one seller costs nothing. */
  readonly seller: Int32Array;
  /** Seller of every world offer listed so far, on sale or not (a retired offer's customers know its seller). */
  readonly sellerOfOffer: Int32Array;
  /** Multiplier on the switching cost of a customer leaving each world offer. */
  readonly lockInOfOffer: Float64Array;
  /** Number of taste groups. */
  readonly groups: number;
  /** Systematic utility V - max V per taste group and slot: `utility[group * slots + slot]`. */
  readonly utility: Float64Array;
  /** The logit weights exp(V - max V), laid out like `utility`. */
  readonly weight: Float64Array;
  /** exp(V_outside - max V) per taste group. */
  readonly outsideWeight: Float64Array;
  /**
   * sigma, the within-nest correlation of the nested logit (`demand.withinFamilyCorrelation`);
   * with 0 the choice is plain logit and the four nest fields below are empty.
   */
  readonly nestingCorrelation: number;
  /** Number of nests (model families, `nests.ts`), and each slot's nest. */
  readonly nests: number;
  readonly nestOf: Int32Array;
  /** The model family (developer's agent index) of each slot's model, and of each nest's. */
  readonly familyOfSlot: Int32Array;
  readonly familyOfNest: Int32Array;
  /** Per segment, 1 when its customers' workloads have use-case tastes (`familyTaste`). */
  readonly useCaseTastes: Uint8Array;
  /**
   * Per segment, the onboarding cost of a workload's first purchase from a seller its customer
   * does not buy from, in months of that workload's spend (docs/MODEL.md, "Onboarding").
   */
  readonly onboardingSpendMonths: Float64Array;
  /** exp((V - m) / (1 - sigma)) per taste group and slot, laid out like `utility`. */
  readonly nestWeight: Float64Array;
  /** m, the largest utility V - max V in each nest, per taste group: `nestTop[group * nests + nest]`. */
  readonly nestTop: Float64Array;
  /**
   * Sub-nests of two or more slots (a family's third-party apps, `nests.ts`; docs/MODEL.md,
   * "Sub-nests"). 0 where every sub-nest is one slot (the one-level nesting), and the two
   * arrays below are then empty.
   */
  readonly subNests: number;
  /** Each slot's sub-nest, or -1 for a slot alone in its own. */
  readonly subNestOf: Int32Array;
  /** The nest of each sub-nest. */
  readonly nestOfSubNest: Int32Array;
  /** rho_2, the within-sub-nest correlation (`demand.withinAppsCorrelation`). */
  readonly subNestCorrelation: number;
  /** 1 / alpha per taste group. */
  readonly inverseSensitivity: Float64Array;
  /**
   * The menu's price index, and spend and surplus per unit of demand scale at it, per taste
   * group and capability cut-off (`menus.ts`).
   */
  readonly menus: MenuRows;
  /** Per segment: tokens a customer uses at a given price, relative to the start (usage growth). */
  readonly volumeMultiplier: Float64Array;
  /** Per segment. */
  readonly reevaluationPerMonth: Float64Array;
  readonly secondaryVolumeShare: Float64Array;
  /** Points added to every requirement this month. */
  readonly requirementShift: number;
  /** In the first month every customer chooses; later only re-evaluating or forced ones. */
  readonly firstMonth: boolean;
  readonly switchingCostMultiplier: number;
  readonly paybackMonths: number;
  /** The month (tick), from which customers' integration is counted. */
  readonly month: number;
  /** Months after which integration is complete: the cap on its depth in the switching cost. */
  readonly maxIntegrationMonths: number;
}

/** What the month's choices produced, per simulated customer (unweighted). */
export interface ChoiceTally {
  /** Per segment: customers who changed seller, and the switching costs they paid, USD. */
  readonly switches: Float64Array;
  readonly switchingCostUsd: Float64Array;
  /**
   * Per slot, over the customers who chose it this month: their tokens at its price (t, at
   * their demand scale) and those tokens times their choice probability (t P).
   */
  readonly choiceTokens: Float64Array;
  readonly choiceProbabilityTokens: Float64Array;
  /** The enterprise segment's customers by primary vendor and families (`workloads.ts`). */
  readonly enterpriseVendors: VendorCounts;
}

export function createTally(
  segments: number,
  slots: number,
  arrays: TypedArrays = FRESH_ARRAYS,
): ChoiceTally {
  return {
    switches: arrays.float64(segments),
    switchingCostUsd: arrays.float64(segments),
    choiceTokens: arrays.float64(slots),
    choiceProbabilityTokens: arrays.float64(slots),
    enterpriseVendors: { buyers: 0, threeFamilies: 0, stayed: 0, switched: 0 },
  };
}

/**
 * Runs one month of choices: updates `population.primary` and `population.secondary` (and the
 * per-offer sums) in place and adds to `tally`. Draws from `reevaluate` one uniform per
 * re-evaluating customer, and from `choose` one per choice (two for a customer that keeps a
 * second supplier), in customer order. `scratch` lends its buffers.
 */
export function chooseSuppliers(
  market: ChoiceMarket,
  population: Population,
  reevaluate: Uniform,
  choose: Uniform,
  tally: ChoiceTally,
  scratch: ChoiceScratch = new ChoiceScratch(),
): void {
  const { slots, slotOf, offerOf, capability, price, seller, weight, outsideWeight } = market;
  const { heldCapability, menus } = market;
  const { utility, sellerOfOffer, lockInOfOffer } = market;
  const { capabilityCutoff, reevaluationPerMonth, requirementShift } = market;
  const { paybackMonths, switchingCostMultiplier, month, maxIntegrationMonths } = market;
  const { nests, nestWeight, familyOfSlot, familyOfNest, subNests, subNestOf } = market;
  const { familyTaste, families } = population;
  const width = slots + 1;
  const { tasteGroup, requirement, willingnessToPay, demandScale, surplusAtWtp } = population;
  const { multiHoming, primary, secondary, byOffer, segmentCounts, segmentWorkloads } = population;
  const { switchingCostPerSpendMonth, integratedOffer, integratedSince } = population;
  const { choiceTokens, choiceProbabilityTokens, switches } = tally;
  const switchingCosts = tally.switchingCostUsd;
  const everyone = market.firstMonth;
  const rows = scratch.rows.reset(market);
  const attention = scratch.attention(population.size);
  const others = scratch.others(slots + 1);
  const offersOfSeller = sellerSlots(seller, slots, utility, weight, market.groups);
  // A draw that falls on a sub-nest's slot picks again within the sub-nest (`pickInSubNest`).
  const picked = scratch.picked;

  const { arrived, arrivedBefore } = population;
  let start = 0;
  for (let s = 0; s < segmentCounts.length; s++) {
    // The segment's customers in the market, and from `newcomers` on, those who arrive this
    // month: they make their first choice.
    const end = start + arrived[s]!;
    const newcomers = start + arrivedBefore[s]!;
    const segmentEnd = start + segmentCounts[s]!;
    // Skip sampling: rather than one Bernoulli draw per customer, draw the gap to the segment's
    // next re-evaluating customer (geometric); customers of a segment are contiguous.
    const logStay = Math.log(1 - reevaluationPerMonth[s]!);
    const usage = market.volumeMultiplier[s]!;
    const tastes = market.useCaseTastes[s] === 1;
    const onboarding = market.onboardingSpendMonths[s]!;
    const workloads = segmentWorkloads[s]!;
    const secondShare = market.secondaryVolumeShare[s]!;
    // Pass 1, a tight scan: the customers who must act whether or not they re-evaluate, because
    // they can no longer use their main or their second offer, and the newcomers (the first
    // month, everyone). Needless when every customer of the segment re-evaluates: pass 2 then
    // visits them all.
    let flagged = 0;
    if (logStay === Number.NEGATIVE_INFINITY) {
      // no one to flag
    } else if (everyone) {
      for (let i = start; i < end; i++) attention[flagged++] = i;
    } else {
      flagged = flagUnusable(
        requirement,
        primary,
        secondary,
        heldCapability,
        requirementShift,
        start,
        newcomers,
        attention,
      );
      for (let i = newcomers; i < end; i++) attention[flagged++] = i;
    }
    // Pass 2: those customers and the re-evaluating ones, merged in customer order (so that the
    // random draws come in the same order as in one pass over everyone).
    let nextFlagged = 0;
    let nextReevaluation = start + geometricGap(reevaluate, logStay);
    for (;;) {
      const forced = nextFlagged < flagged ? attention[nextFlagged]! : end;
      const i = Math.min(forced, nextReevaluation);
      if (i >= end) break;
      if (i === forced) nextFlagged++;
      const need = requirement[i]! + requirementShift;
      const wtp = willingnessToPay[i]!;
      const current = primary[i]!;
      const second = secondary[i]!;
      const usable = heldCapability[current + 1]! >= need;
      let nextMain = current;
      let nextSecond = second;
      const since = integratedSince[i]!;
      let nextSince = since;
      if (heldCapability[second + 1]! < need) {
        nextSecond = NO_OFFER; // its second offer is gone or no longer good enough
      }
      const reevaluating = i === nextReevaluation;
      if (reevaluating) nextReevaluation = i + 1 + geometricGap(reevaluate, logStay);

      if (reevaluating || everyone || !usable || i >= newcomers) {
        // The logit over the offers it can use, and the outside option.
        const group = tasteGroup[i]!;
        const row = group * slots;
        const outside = outsideWeight[group]!;
        const cutoff = capabilityCutoff.countAtLeast(need);
        const cumulative = rows.row(group, cutoff);
        // What it spends at its menu's price index, whichever offer it holds (0 above its
        // willingness to pay, the choke of its demand), and its main offer's part of it: the
        // spend its integration, onboarding and the gain of a switch are measured in.
        const index = menus.row(group, cutoff);
        const spend =
          menus.priceIndex[index]! <= wtp ? usage * demandScale[i]! * menus.spend[index]! : 0;
        const mainSpend = nextSecond === NO_OFFER ? spend : (1 - secondShare) * spend;
        // Forced out of its seller, it weighs the menu's surplus D (S(P) - S(w)) against buying
        // nothing.
        const menuGain =
          usage * demandScale[i]! * Math.max(0, menus.surplus[index]! - surplusAtWtp[i]!);
        let chosen: number;
        // The chosen slot's probability is chosenWeight / total.
        let chosenWeight: number;
        let total: number;
        // Where the nests' weights for this customer's choice set start in the row.
        let powered = 0;
        // A workload with a use case adds its taste for each family to the utility of the
        // family's offers (docs/MODEL.md, "Use cases"): the row's weights, shifted per family.
        const tasteAt = tastes ? i * families : -1;
        if (tastes) {
          const sums = scratch.nestSums(nests);
          const draw = choose();
          if (nests === 0) {
            total = withTastes(market, row, need, familyTaste, tasteAt, others);
            total += outside;
            chosen = pick(others, 0, slots, draw * total);
            chosenWeight = chosen >= 0 ? others[chosen + 1]! - others[chosen]! : 0;
          } else {
            powered = rows.powered;
            let inside = 0;
            for (let n = 0; n < nests; n++) {
              const tasted =
                cumulative[powered + n]! * Math.exp(familyTaste[tasteAt + familyOfNest[n]!]!);
              inside += tasted;
              sums[n] = inside;
            }
            total = inside + outside;
            const target = draw * total;
            chosen = -1;
            chosenWeight = 0;
            if (target < inside) {
              let n = 0;
              while (n < nests - 1 && target >= sums[n]!) n++;
              const below = n > 0 ? sums[n - 1]! : 0;
              const block = rows.offset + n * width;
              const scale = (sums[n]! - below) / cumulative[block + slots]!;
              const within = (target - below) / scale;
              chosen = pickWithin(cumulative, block, slots, within);
              if (subNests > 0 && subNestOf[chosen]! >= 0) {
                const residual = within - cumulative[block + chosen]!;
                chosen = pickInSubNest(market, group, need, chosen, residual, picked);
                chosenWeight = picked[0]! * scale;
              } else {
                chosenWeight = nestWeight[row + chosen]! * scale;
              }
            }
          }
        } else if (nests === 0) {
          total = cumulative[rows.offset + slots]! + outside;
          chosen = pick(cumulative, rows.offset, slots, choose() * total);
          chosenWeight = chosen >= 0 ? weight[row + chosen]! : 0;
        } else {
          // Nested logit: the nest by the weights D_n^(1 - sigma) of its offers this customer
          // can use, then the offer within it by its weight in the nest, from the one draw.
          powered = rows.powered;
          const inside = cumulative[powered + 2 * nests - 1]!;
          total = inside + outside;
          const target = choose() * total;
          chosen = -1;
          chosenWeight = 0;
          if (target < inside) {
            // The nest: how many running sums the draw has passed (a fixed count of
            // comparisons, which predicts better than stopping at the first).
            let n = 0;
            for (let m = 0; m < nests - 1; m++)
              n += target >= cumulative[powered + nests + m]! ? 1 : 0;
            const below = n > 0 ? cumulative[powered + nests + n - 1]! : 0;
            const block = rows.offset + n * width;
            // W_n / D_n: the probability of an offer of nest n is its weight in the nest times it.
            const scale = cumulative[powered + n]! / cumulative[block + slots]!;
            const within = (target - below) / scale;
            chosen = pickWithin(cumulative, block, slots, within);
            if (subNests > 0 && subNestOf[chosen]! >= 0) {
              const residual = within - cumulative[block + chosen]!;
              chosen = pickInSubNest(market, group, need, chosen, residual, picked);
              chosenWeight = picked[0]! * scale;
            } else {
              chosenWeight = nestWeight[row + chosen]! * scale;
            }
          }
        }
        if (chosen >= 0) {
          const tokens = spend / price[chosen]!;
          choiceTokens[chosen] = choiceTokens[chosen]! + tokens;
          choiceProbabilityTokens[chosen] =
            choiceProbabilityTokens[chosen]! + (tokens * chosenWeight) / total;
        }

        // The seller it is integrated with: its main supplier's, kept while it sits out.
        const integrated = integratedOffer[i]!;
        // Buying from a seller none of its customer's workloads is integrated with costs an
        // onboarding (docs/MODEL.md, "Onboarding"): the customer's entries are [first, first + W).
        const first = onboarding > 0 ? start + Math.floor((i - start) / workloads) * workloads : i;
        const onboards =
          onboarding > 0 &&
          chosen >= 0 &&
          !customerBuysFrom(seller[chosen]!, i, first, workloads, integratedOffer, sellerOfOffer) &&
          !(nextSecond !== NO_OFFER && sellerOfOffer[nextSecond] === seller[chosen]);
        const onboardingCost = onboards ? onboarding * mainSpend : 0;
        if (chosen < 0) {
          nextMain = NO_OFFER; // buying nothing, or leaving for it, costs nothing
        } else if (
          (integrated === NO_OFFER && !onboards) ||
          (integrated !== NO_OFFER && sellerOfOffer[integrated] === seller[chosen])
        ) {
          nextMain = offerOf[chosen]!; // a first purchase, or an offer of its own seller
        } else if (integrated === NO_OFFER) {
          // A first purchase from a seller new to its customer: worth the onboarding only if it
          // beats the best offer of a seller the customer already buys from, or buying nothing.
          const other = bestOfferOfCustomer(
            offersOfSeller,
            i,
            first,
            workloads,
            integratedOffer,
            sellerOfOffer,
            capability,
            utility,
            weight,
            group,
            row,
            need,
            tastes ? familyTaste : undefined,
            tasteAt,
            familyOfSlot,
          );
          const gain =
            other >= 0
              ? moveGainUsd(
                  market,
                  row,
                  group,
                  other,
                  chosen,
                  mainSpend,
                  tastes ? familyTaste : undefined,
                  tasteAt,
                )
              : menuGain;
          if (gain * paybackMonths > onboardingCost) {
            nextMain = offerOf[chosen]!;
            switchingCosts[s] = switchingCosts[s]! + onboardingCost;
          } else {
            nextMain = other >= 0 ? offerOf[other]! : NO_OFFER;
          }
        } else {
          const secondSlot = nextSecond === NO_OFFER ? -1 : slotOf[nextSecond]!;
          const promotesSecond = secondSlot >= 0 && seller[secondSlot] === seller[chosen];
          // What it gets without switching, since moving within its seller is free: its
          // seller's best offer in its choice set (its own offer, a newer one, or a retired
          // model's successor), or nothing when that seller has none.
          const kept = bestOfferOf(
            offersOfSeller,
            sellerOfOffer[integrated]!,
            capability,
            utility,
            weight,
            group,
            row,
            need,
            tastes ? familyTaste : undefined,
            tasteAt,
            familyOfSlot,
          );
          // Its integration is sized by its monthly spend on its main offer, whichever offer of
          // its seller that is; the gain is measured against the offer it keeps.
          const cost = promotesSecond
            ? 0
            : switchingCostUsd(
                switchingCostPerSpendMonth[i]!,
                mainSpend,
                integrationMonths(integratedSince, i, current !== NO_OFFER, month),
                maxIntegrationMonths,
              ) *
                switchingCostMultiplier *
                lockInOfOffer[integrated]! +
              onboardingCost;
          const gain =
            kept >= 0
              ? moveGainUsd(
                  market,
                  row,
                  group,
                  kept,
                  chosen,
                  mainSpend,
                  tastes ? familyTaste : undefined,
                  tasteAt,
                )
              : menuGain;
          if (gain * paybackMonths > cost) {
            if (promotesSecond) nextSecond = current;
            nextMain = offerOf[chosen]!;
            // A new integration starts, unless it moves to the seller it already buys from.
            if (!promotesSecond) nextSince = month;
            switches[s] = switches[s]! + 1;
            switchingCosts[s] = switchingCosts[s]! + cost;
          } else {
            nextMain = kept >= 0 ? offerOf[kept]! : NO_OFFER;
          }
        }

        // A multi-homing customer keeps a second supplier of another seller, chosen freely.
        if (nextMain !== NO_OFFER && multiHoming[i] === 1 && subNests > 0) {
          nextSecond = secondSupplierTwoLevel(
            market,
            sellerOfOffer[nextMain]!,
            group,
            need,
            outside,
            choose(),
            scratch.nestSums(nests),
            scratch.subNestSums(subNests),
          );
        } else if (nextMain !== NO_OFFER && multiHoming[i] === 1 && nests > 0) {
          nextSecond = secondSupplierNested(
            market,
            sellerOfOffer[nextMain]!,
            group,
            need,
            outside,
            choose(),
            cumulative,
            powered,
            scratch.nestSums(nests),
          );
        } else if (nextMain !== NO_OFFER && multiHoming[i] === 1) {
          const mainSeller = sellerOfOffer[nextMain]!;
          let sum = 0;
          for (let k = 0; k < slots; k++) {
            if (seller[k] !== mainSeller && capability[k]! >= need) sum += weight[row + k]!;
            others[k + 1] = sum;
          }
          const picked = pick(others, 0, slots, choose() * (sum + outside));
          nextSecond = picked < 0 ? NO_OFFER : offerOf[picked]!;
        }
        if (nextMain === NO_OFFER) nextSecond = NO_OFFER;
      }

      if (nextMain !== current || nextSecond !== second) {
        if (nextMain === NO_OFFER) {
          // Sitting out keeps the integration: its depth is frozen until the customer returns.
          if (current !== NO_OFFER) nextSince = since - month;
        } else {
          const integrated = integratedOffer[i]!;
          if (integrated === NO_OFFER) {
            nextSince = month; // its first purchase
          } else if (
            current === NO_OFFER &&
            sellerOfOffer[integrated] === sellerOfOffer[nextMain]
          ) {
            nextSince = month + since; // back to its seller: the frozen depth counts on
          }
          integratedOffer[i] = nextMain;
        }
        integratedSince[i] = nextSince;
        primary[i] = nextMain;
        secondary[i] = nextSecond;
        byOffer.move(i, current, second, nextMain, nextSecond);
      }
    }
    start = segmentEnd;
  }
}

/**
 * Pass 1 of the kernel: writes to `attention` the customers in [start, end) whose main or
 * second offer is gone or no longer good enough, and returns how many there are. Few are in a
 * month, so the branch predicts well.
 */
function flagUnusable(
  requirement: Float64Array,
  primary: Int32Array,
  secondary: Int32Array,
  heldCapability: Float64Array,
  requirementShift: number,
  start: number,
  end: number,
  attention: Int32Array,
): number {
  let flagged = 0;
  for (let i = start; i < end; i++) {
    const need = requirement[i]! + requirementShift;
    if (heldCapability[primary[i]! + 1]! < need || heldCapability[secondary[i]! + 1]! < need) {
      attention[flagged++] = i;
    }
  }
  return flagged;
}

/** The choice kernel's working buffers, lent from month to month (a run keeps one). */
export class ChoiceScratch {
  readonly rows = new CumulativeRows();
  private list = new Int32Array(0);
  private weights = new Float64Array(0);
  private sums = new Float64Array(0);
  private subSums = new Float64Array(0);
  /** What `pickInSubNest` writes: the chosen slot's weight in its nest. */
  readonly picked = new Float64Array(1);

  /** Room for the indices of `size` customers. */
  attention(size: number): Int32Array {
    if (this.list.length < size) this.list = new Int32Array(size);
    return this.list;
  }

  /** Room for `size` cumulative weights (a multi-homing customer's second choice). */
  others(size: number): Float64Array {
    if (this.weights.length < size) this.weights = new Float64Array(size);
    return this.weights;
  }

  /** Room for two numbers per nest (a multi-homing customer's second choice, nested). */
  nestSums(nests: number): Float64Array {
    if (this.sums.length < 2 * nests) this.sums = new Float64Array(2 * nests);
    return this.sums;
  }

  /** Room for three numbers per sub-nest (the second choice under two levels). */
  subNestSums(subNests: number): Float64Array {
    if (this.subSums.length < 3 * subNests) this.subSums = new Float64Array(3 * subNests);
    return this.subSums;
  }
}

/**
 * Under two levels: a draw that fell on `slot`, `residual` into its interval of its nest's
 * cumulative weights (`CumulativeRows`), where `slot` is in a sub-nest h of two or more slots.
 * Slot k's interval there is the rise of the sub-nest's term T(S_h) (`subNestTerm`) as k joins
 * its sum S_h, so the draw's place among h's intervals, T(S_h before k) + residual, is uniform
 * over [0, T(S_h)) given h; as a fraction of that it picks h's slot by its weight in S_h (over
 * the slots h has in the choice set, capability at least `need`), s_m|h. Writes the chosen
 * slot's weight in its nest's sum, T(S_h) s_m|h, to `out[0]`.
 */
function pickInSubNest(
  market: ChoiceMarket,
  group: number,
  need: number,
  slot: number,
  residual: number,
  out: Float64Array,
): number {
  const { slots, capability, subNestOf, utility, nests, nestOf, nestTop, weight } = market;
  const h = subNestOf[slot]!;
  const row = group * slots;
  const sigma = market.nestingCorrelation;
  const rho2 = market.subNestCorrelation;
  const top = subNestTopOf(market, row, need, -1, h);
  let before = 0;
  let total = 0;
  for (let k = 0; k < slots; k++) {
    if (subNestOf[k] !== h || capability[k]! < need || !(weight[row + k]! > 0)) continue;
    const w = Math.exp(utility[row + k]! / (1 - rho2) - top);
    if (k < slot) before += w;
    total += w;
  }
  const m = nestTop[group * nests + nestOf[slot]!]!;
  const term = subNestTerm(top, total, m, sigma, rho2);
  const place = subNestTerm(top, before, m, sigma, rho2) + residual;
  const chosen = memberAt(market, row, need, -1, h, top, Math.min(place / term, 1) * total);
  out[0] = (term * Math.exp(utility[row + chosen]! / (1 - rho2) - top)) / total;
  return chosen;
}

/**
 * The largest V / (1 - rho_2) of sub-nest h's slots that reach `need`, carry weight and are
 * not sold by `excludedSeller` (-Infinity for none).
 */
function subNestTopOf(
  market: ChoiceMarket,
  row: number,
  need: number,
  excludedSeller: number,
  h: number,
): number {
  const { slots, capability, seller, subNestOf, utility, weight } = market;
  let top = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < slots; k++) {
    if (subNestOf[k] !== h || capability[k]! < need || seller[k] === excludedSeller) continue;
    if (weight[row + k]! > 0)
      top = Math.max(top, utility[row + k]! / (1 - market.subNestCorrelation));
  }
  return top;
}

/**
 * The slot of sub-nest h whose interval of the cumulative weights exp(V / (1 - rho_2) - top)
 * along the price order holds `target`, over the slots that reach `need`, carry weight and are
 * not sold by `excludedSeller`; the last such slot should rounding have put `target` at their
 * sum.
 */
function memberAt(
  market: ChoiceMarket,
  row: number,
  need: number,
  excludedSeller: number,
  h: number,
  top: number,
  target: number,
): number {
  const { slots, capability, seller, subNestOf, utility, weight } = market;
  const rho2 = market.subNestCorrelation;
  let sum = 0;
  let last = -1;
  for (let k = 0; k < slots; k++) {
    if (subNestOf[k] !== h || capability[k]! < need || seller[k] === excludedSeller) continue;
    if (!(weight[row + k]! > 0)) continue;
    sum += Math.exp(utility[row + k]! / (1 - rho2) - top);
    last = k;
    if (sum > target) break;
  }
  return last;
}

/**
 * `secondSupplierNested` under two levels: each nest's sum over the offers the customer can
 * use less its main supplier's seller's, its lone slots' weights and its sub-nests' terms, then
 * the nest, then a lone slot or a sub-nest (as one block) in price order, then the sub-nest's
 * slot. `sums` lends room for two numbers per nest, `subSums` three per sub-nest.
 */
function secondSupplierTwoLevel(
  market: ChoiceMarket,
  mainSeller: number,
  group: number,
  need: number,
  outside: number,
  uniform: number,
  sums: Float64Array,
  subSums: Float64Array,
): number {
  const { slots, seller, capability, nests, nestOf, nestWeight, nestTop, utility } = market;
  const { subNests, subNestOf, nestOfSubNest } = market;
  const sigma = market.nestingCorrelation;
  const rho2 = market.subNestCorrelation;
  const row = group * slots;
  // sums[n]: the nest's sum, then sums[nests + n] its weight; per sub-nest h, its top
  // (subSums[h]), its term (subSums[subNests + h]), and 1 once the walk has passed it.
  sums.fill(0, 0, 2 * nests);
  subSums.fill(0, subNests, 3 * subNests);
  for (let h = 0; h < subNests; h++) subSums[h] = subNestTopOf(market, row, need, mainSeller, h);
  const total_h = subSums.subarray(subNests, 2 * subNests);
  for (let k = 0; k < slots; k++) {
    if (capability[k]! < need || seller[k] === mainSeller) continue;
    const h = subNestOf[k]!;
    if (h < 0) sums[nestOf[k]!] = sums[nestOf[k]!]! + nestWeight[row + k]!;
    else if (market.weight[row + k]! > 0) {
      total_h[h] = total_h[h]! + Math.exp(utility[row + k]! / (1 - rho2) - subSums[h]!);
    }
  }
  for (let h = 0; h < subNests; h++) {
    const n = nestOfSubNest[h]!;
    // The sub-nest's sum of weights is kept in its term's place until the walk needs it.
    sums[n] =
      sums[n]! + subNestTerm(subSums[h]!, total_h[h]!, nestTop[group * nests + n]!, sigma, rho2);
  }
  let total = outside;
  for (let n = 0; n < nests; n++) {
    const sum = sums[n]!;
    const weight =
      sum > 0 ? Math.exp(nestTop[group * nests + n]! + (1 - sigma) * Math.log(sum)) : 0;
    sums[nests + n] = weight;
    total += weight;
  }
  let target = uniform * total;
  for (let n = 0; n < nests; n++) {
    const weight = sums[nests + n]!;
    if (target >= weight) {
      target -= weight;
      continue;
    }
    const within = (target / weight) * sums[n]!;
    let sum = 0;
    let last = -1;
    for (let k = 0; k < slots; k++) {
      if (nestOf[k] !== n || seller[k] === mainSeller || capability[k]! < need) continue;
      const h = subNestOf[k]!;
      if (h < 0) {
        if (nestWeight[row + k]! === 0) continue;
        sum += nestWeight[row + k]!;
        last = k;
        if (sum > within) return market.offerOf[k]!;
      } else if (subSums[2 * subNests + h] === 0) {
        subSums[2 * subNests + h] = 1;
        const top = subSums[h]!;
        const term = subNestTerm(top, total_h[h]!, nestTop[group * nests + n]!, sigma, rho2);
        if (term === 0) continue;
        const place = Math.min((within - sum) / term, 1) * total_h[h]!;
        last = memberAt(market, row, need, mainSeller, h, top, place);
        sum += term;
        if (sum > within) return market.offerOf[last]!;
      }
    }
    return market.offerOf[last]!; // `within` rounded up to the nest's sum
  }
  return NO_OFFER;
}

/**
 * A multi-homing customer's second supplier under nested logit: the same nested logit over the
 * offers it can use, less its main supplier's seller's, and the outside option; `uniform` is the
 * draw. A nest none of whose usable offers is that seller's keeps its weight from the row
 * (`row[powered + n]`); the others are summed again without them.
 */
function secondSupplierNested(
  market: ChoiceMarket,
  mainSeller: number,
  group: number,
  need: number,
  outside: number,
  uniform: number,
  row: Float64Array,
  powered: number,
  sums: Float64Array,
): number {
  const { slots, seller, capability, nests, nestOf, nestWeight, nestTop } = market;
  const keep = 1 - market.nestingCorrelation;
  const first = group * slots;
  // sums[n]: the nest's weight without the seller's offers; sums[nests + n]: 1 where it had some.
  sums.fill(0, 0, 2 * nests);
  for (let k = 0; k < slots; k++) {
    if (capability[k]! < need) continue;
    const n = nestOf[k]!;
    if (seller[k] === mainSeller) sums[nests + n] = 1;
    else sums[n] = sums[n]! + nestWeight[first + k]!;
  }
  let total = outside;
  for (let n = 0; n < nests; n++) {
    const sum = sums[n]!;
    let weight = row[powered + n]!;
    if (sums[nests + n] === 1) {
      weight = sum > 0 ? Math.exp(nestTop[group * nests + n]! + keep * Math.log(sum)) : 0;
    }
    sums[nests + n] = weight;
    total += weight;
  }
  let target = uniform * total;
  for (let n = 0; n < nests; n++) {
    const weight = sums[nests + n]!;
    if (target >= weight) {
      target -= weight;
      continue;
    }
    const within = (target / weight) * sums[n]!;
    let sum = 0;
    let last = -1;
    for (let k = 0; k < slots; k++) {
      if (nestOf[k] !== n || seller[k] === mainSeller || capability[k]! < need) continue;
      if (nestWeight[first + k]! === 0) continue;
      sum += nestWeight[first + k]!;
      last = k;
      if (sum > within) return market.offerOf[k]!;
    }
    return market.offerOf[last]!; // `within` rounded up to the nest's sum
  }
  return NO_OFFER;
}

/** Rows of cumulative weights there is room for from the start (a baseline month uses ~200). */
const ROWS_RESERVED = 256;

/**
 * For each taste group and capability cut-off a (only the `a` most capable slots qualify), the
 * cumulative logit weights along the price order: entry j is the weight of the qualifying slots
 * among the j cheapest. Under nested logit a row holds, for each nest n, the cumulative
 * within-nest weights D_n(j) the same way (`nests` blocks of `slots + 1`), then the nests'
 * weights exp(m_n) D_n^(1 - sigma) over all the qualifying slots, and their running sums
 * (`2 nests` entries from `powered`), so that a choice takes no power. Built on first use, once
 * a month. One instance serves a whole run: its buffers are kept from month to month, so that a
 * month allocates nothing here.
 */
export class CumulativeRows {
  /** Where the last row asked for starts in `values`. */
  offset = 0;
  /** Under nested logit, where the last row's nest weights start in `values`. */
  powered = 0;
  private values = new Float64Array(ROWS_RESERVED * 64);
  private start = new Int32Array(0);
  private used = 0;
  private width = 0;
  private size = 0;
  private sums = new Float64Array(0);
  private lone = new Float64Array(0);
  private subSums = new Float64Array(0);
  private market: ChoiceMarket | undefined;

  /** Forgets last month's rows: they are built again for `market` as they are asked for. */
  reset(market: ChoiceMarket): this {
    this.market = market;
    this.width = market.slots + 1;
    this.size = market.nests === 0 ? this.width : market.nests * (this.width + 2);
    this.used = 0;
    const keys = market.groups * this.width;
    if (this.start.length < keys) this.start = new Int32Array(keys);
    this.start.fill(-1, 0, keys);
    if (this.values.length < ROWS_RESERVED * this.size) {
      this.values = new Float64Array(ROWS_RESERVED * this.size);
    }
    if (this.sums.length < 2 * market.nests) this.sums = new Float64Array(2 * market.nests);
    if (this.lone.length < market.nests) this.lone = new Float64Array(market.nests);
    if (this.subSums.length < 2 * market.subNests) {
      this.subSums = new Float64Array(2 * market.subNests);
    }
    return this;
  }

  row(group: number, cutoff: number): Float64Array {
    const key = group * this.width + cutoff;
    let start = this.start[key]!;
    if (start < 0) {
      start = this.build(group, cutoff);
      this.start[key] = start;
    }
    this.offset = start;
    this.powered = start + this.market!.nests * this.width;
    return this.values;
  }

  private build(group: number, cutoff: number): number {
    if (this.used + this.size > this.values.length) {
      const grown = new Float64Array(Math.max(this.values.length * 2, this.used + this.size));
      grown.set(this.values);
      this.values = grown;
    }
    const start = this.used;
    this.used += this.size;
    if (this.market!.subNests > 0) {
      this.buildTwoLevel(group, cutoff, start);
      return start;
    }
    if (this.market!.nests > 0) {
      this.buildNested(group, cutoff, start);
      return start;
    }
    const { slots, capabilityRank, weight } = this.market!;
    const values = this.values;
    let sum = 0;
    values[start] = 0;
    for (let k = 0; k < slots; k++) {
      if (capabilityRank[k]! < cutoff) sum += weight[group * slots + k]!;
      values[start + k + 1] = sum;
    }
    return start;
  }

  private buildTwoLevel(group: number, cutoff: number, start: number): void {
    const { values, width, sums, lone, subSums } = this;
    buildTwoLevelRow(this.market!, group, cutoff, values, start, width, sums, lone, subSums);
  }

  private buildNested(group: number, cutoff: number, start: number): void {
    const { slots, capabilityRank, nests, nestOf, nestWeight, nestTop } = this.market!;
    const keep = 1 - this.market!.nestingCorrelation;
    const { values, width, sums } = this;
    // sums[n]: the nest's cumulative weight.
    sums.fill(0, 0, nests);
    for (let n = 0; n < nests; n++) values[start + n * width] = 0;
    for (let k = 0; k < slots; k++) {
      const changed = capabilityRank[k]! < cutoff ? nestOf[k]! : -1;
      if (changed >= 0 && nestWeight[group * slots + k]! > 0) {
        sums[changed] = sums[changed]! + nestWeight[group * slots + k]!;
      }
      for (let n = 0; n < nests; n++) values[start + n * width + k + 1] = sums[n]!;
    }
    // Each nest's weight exp(m_n) D_n^(1 - sigma), and their running sums.
    const powered = start + nests * width;
    let cumulative = 0;
    for (let n = 0; n < nests; n++) {
      const weight =
        sums[n]! > 0 ? Math.exp(nestTop[group * nests + n]! + keep * Math.log(sums[n]!)) : 0;
      values[powered + n] = weight;
      cumulative += weight;
      values[powered + nests + n] = cumulative;
    }
  }
}

/**
 * `buildNested` under two levels: a nest's sum D_n is its lone slots' weights plus its
 * sub-nests' terms (`subNestTerm`), so a slot of a sub-nest adds to its nest's cumulative
 * weights the rise of its sub-nest's term; `pickInSubNest` then picks within it. `lone` lends
 * room for a number per nest, `subSums` two per sub-nest.
 */
function buildTwoLevelRow(
  market: ChoiceMarket,
  group: number,
  cutoff: number,
  values: Float64Array,
  start: number,
  width: number,
  sums: Float64Array,
  lone: Float64Array,
  subSums: Float64Array,
): void {
  const { slots, capabilityRank, nests, nestOf, nestWeight, nestTop, utility, weight } = market;
  const { subNests, subNestOf, nestOfSubNest } = market;
  const sigma = market.nestingCorrelation;
  const rho2 = market.subNestCorrelation;
  const row = group * slots;
  const top = subSums.subarray(0, subNests);
  const sum_h = subSums.subarray(subNests, 2 * subNests);
  sums.fill(0, 0, 2 * nests);
  lone.fill(0, 0, nests);
  top.fill(Number.NEGATIVE_INFINITY);
  sum_h.fill(0);
  for (let n = 0; n < nests; n++) values[start + n * width] = 0;
  for (let k = 0; k < slots; k++) {
    const changed = capabilityRank[k]! < cutoff ? nestOf[k]! : -1;
    const h = subNestOf[k]!;
    const counts = h >= 0 ? weight[row + k]! > 0 : nestWeight[row + k]! > 0;
    if (changed >= 0 && counts) {
      const m = nestTop[group * nests + changed]!;
      if (h >= 0) addToSubNest(top, sum_h, h, utility[row + k]! / (1 - rho2));
      else lone[changed] = lone[changed]! + nestWeight[row + k]!;
      let sum = lone[changed]!;
      for (let j = 0; j < subNests; j++) {
        if (nestOfSubNest[j] === changed) sum += subNestTerm(top[j]!, sum_h[j]!, m, sigma, rho2);
      }
      sums[changed] = sum;
      sums[nests + changed] = sum > 0 ? Math.exp(m + (1 - sigma) * Math.log(sum)) : 0;
    }
    for (let n = 0; n < nests; n++) values[start + n * width + k + 1] = sums[n]!;
  }
  // Each nest's weight over the whole menu, and their running sums, as in `buildNested`.
  const powered = start + nests * width;
  let cumulative = 0;
  for (let n = 0; n < nests; n++) {
    const w = sums[nests + n]!;
    values[powered + n] = w;
    cumulative += w;
    values[powered + nests + n] = cumulative;
  }
}

/**
 * Each seller's slots, in price order: seller `a`'s are `slots[start[a]]` to
 * `slots[start[a + 1] - 1]` (a seller with none on sale, or beyond the last, has none); and
 * per taste group its best slot through the group's channels (a slot of weight 0, a channel
 * the group does not buy through, is never its answer) whatever the customer's budget and need,
 * `best[group * sellers + a]`, which is the answer whenever that customer can use it.
 */
interface SellerSlots {
  readonly sellers: number;
  readonly start: Int32Array;
  readonly slots: Int32Array;
  readonly best: Int32Array;
}

function sellerSlots(
  seller: Int32Array,
  count: number,
  utility: Float64Array,
  weight: Float64Array,
  groups: number,
): SellerSlots {
  let sellers = 0;
  for (let k = 0; k < count; k++) sellers = Math.max(sellers, seller[k]! + 1);
  const start = new Int32Array(sellers + 2);
  for (let k = 0; k < count; k++) start[seller[k]! + 2]! += 1;
  for (let a = 2; a < start.length; a++) start[a] = start[a]! + start[a - 1]!;
  const slots = new Int32Array(count);
  for (let k = 0; k < count; k++) slots[start[seller[k]! + 1]!++] = k;
  const best = new Int32Array(groups * sellers).fill(-1);
  for (let g = 0; g < groups; g++) {
    for (let a = 0; a < sellers; a++) {
      let top = Number.NEGATIVE_INFINITY;
      for (let j = start[a]!; j < start[a + 1]!; j++) {
        const v = utility[g * count + slots[j]!]!;
        if (v > top && weight[g * count + slots[j]!]! > 0) {
          top = v;
          best[g * sellers + a] = slots[j]!;
        }
      }
    }
  }
  return { sellers, start, slots, best };
}

/**
 * What moving from slot `from` to slot `to` gains a customer a month, USD, at its spend on its
 * main offer: `monthlyGainUsd` at the two offers' utilities, its use case's family tastes
 * included (`familyTaste` undefined for none).
 */
function moveGainUsd(
  market: ChoiceMarket,
  row: number,
  group: number,
  from: number,
  to: number,
  spendUsd: number,
  familyTaste: Float64Array | undefined,
  tasteAt: number,
): number {
  const { price, utility, familyOfSlot, inverseSensitivity } = market;
  return monthlyGainUsd(
    spendUsd / price[from]!,
    price[from]!,
    qualityAdjustedPriceRatio(
      utility[row + from]! + (familyTaste ? familyTaste[tasteAt + familyOfSlot[from]!]! : 0),
      utility[row + to]! + (familyTaste ? familyTaste[tasteAt + familyOfSlot[to]!]! : 0),
      inverseSensitivity[group]!,
    ),
  );
}

/**
 * The slot of `sellerIndex`'s best offer (highest systematic utility) among those that reach
 * `need` and the customer's channels, or -1 when it has none.
 */
function bestOfferOf(
  offersOfSeller: SellerSlots,
  sellerIndex: number,
  capability: Float64Array,
  utility: Float64Array,
  weight: Float64Array,
  group: number,
  row: number,
  need: number,
  familyTaste?: Float64Array,
  tasteAt = 0,
  familyOfSlot?: Int32Array,
): number {
  const { sellers, start, slots } = offersOfSeller;
  let best = -1;
  let bestUtility = Number.NEGATIVE_INFINITY;
  if (sellerIndex >= sellers) return best;
  const top = offersOfSeller.best[group * sellers + sellerIndex]!;
  // The group's best is this customer's too unless its use case ranks the seller's families.
  if (!familyTaste && top >= 0 && capability[top]! >= need) return top;
  for (let j = start[sellerIndex]!; j < start[sellerIndex + 1]!; j++) {
    const k = slots[j]!;
    if (capability[k]! < need || !(weight[row + k]! > 0)) continue;
    const v = utility[row + k]! + (familyTaste ? familyTaste[tasteAt + familyOfSlot![k]!]! : 0);
    if (v > bestUtility) {
      best = k;
      bestUtility = v;
    }
  }
  return best;
}

/**
 * Whether the customer whose workloads are entries [first, first + workloads) buys from
 * `sellerIndex` other than through workload `i`: one of its other workloads is integrated with
 * it (buying, or sitting out with its integration kept).
 */
function customerBuysFrom(
  sellerIndex: number,
  i: number,
  first: number,
  workloads: number,
  integratedOffer: Int32Array,
  sellerOfOffer: Int32Array,
): boolean {
  for (let w = first; w < first + workloads; w++) {
    if (w === i) continue;
    const offer = integratedOffer[w]!;
    if (offer !== NO_OFFER && sellerOfOffer[offer] === sellerIndex) return true;
  }
  return false;
}

/**
 * The slot of the best offer (highest utility, with workload `i`'s use-case tastes) that
 * workload `i` can use among those of the sellers its customer's other workloads are integrated
 * with, or -1 when none has one.
 */
function bestOfferOfCustomer(
  offersOfSeller: SellerSlots,
  i: number,
  first: number,
  workloads: number,
  integratedOffer: Int32Array,
  sellerOfOffer: Int32Array,
  capability: Float64Array,
  utility: Float64Array,
  weight: Float64Array,
  group: number,
  row: number,
  need: number,
  familyTaste: Float64Array | undefined,
  tasteAt: number,
  familyOfSlot: Int32Array,
): number {
  let best = -1;
  let bestUtility = Number.NEGATIVE_INFINITY;
  for (let w = first; w < first + workloads; w++) {
    if (w === i || integratedOffer[w] === NO_OFFER) continue;
    const sellerIndex = sellerOfOffer[integratedOffer[w]!]!;
    const k = bestOfferOf(
      offersOfSeller,
      sellerIndex,
      capability,
      utility,
      weight,
      group,
      row,
      need,
      familyTaste,
      tasteAt,
      familyOfSlot,
    );
    if (k < 0) continue;
    const v = utility[row + k]! + (familyTaste ? familyTaste[tasteAt + familyOfSlot[k]!]! : 0);
    if (v > bestUtility) {
      best = k;
      bestUtility = v;
    }
  }
  return best;
}

/**
 * Under plain logit, the cumulative weights of the slots that reach `need` for a customer whose
 * use case adds `familyTaste[tasteAt + family]` to each family's offers, written to
 * `cumulative[1..slots]` (`cumulative[0]` = 0); returns their sum.
 */
function withTastes(
  market: ChoiceMarket,
  row: number,
  need: number,
  familyTaste: Float64Array,
  tasteAt: number,
  cumulative: Float64Array,
): number {
  const { slots, capability, weight, familyOfSlot } = market;
  let sum = 0;
  cumulative[0] = 0;
  for (let k = 0; k < slots; k++) {
    if (capability[k]! >= need && weight[row + k]! > 0) {
      sum += weight[row + k]! * Math.exp(familyTaste[tasteAt + familyOfSlot[k]!]!);
    }
    cumulative[k + 1] = sum;
  }
  return sum;
}

/** Larger than any population: "no one else re-evaluates this month". */
const NEVER = 2 ** 30;

/**
 * Customers to pass over before the next one that re-evaluates, when each does with probability
 * 1 - exp(logStay): geometric, floor(ln U / logStay). No draw when everyone or no one does. Kept
 * a small integer, which keeps the scan's index arithmetic in integers.
 */
function geometricGap(uniform: Uniform, logStay: number): number {
  if (logStay === Number.NEGATIVE_INFINITY) return 0;
  if (logStay === 0) return NEVER;
  return Math.min(NEVER, Math.floor(Math.log(1 - uniform()) / logStay)) | 0;
}

/**
 * Given cumulative weights `cumulative[offset + j]` (weight of slots before j) for j = 0..count,
 * the slot whose weight interval holds `target`, or -1 when `target` falls beyond them all, on
 * the outside option.
 */
function pick(cumulative: Float64Array, offset: number, count: number, target: number): number {
  if (target >= cumulative[offset + count]!) return -1;
  let low = 0;
  let high = count - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (cumulative[offset + middle + 1]! > target) high = middle;
    else low = middle + 1;
  }
  return low;
}

/**
 * `pick` within a nest's block of cumulative weights, for a `target` below its total: the
 * slot whose weight interval holds it, or, should rounding have put it at the total, the last
 * slot with weight.
 */
function pickWithin(
  cumulative: Float64Array,
  offset: number,
  count: number,
  target: number,
): number {
  const chosen = pick(cumulative, offset, count, target);
  if (chosen >= 0) return chosen;
  let last = count - 1;
  while (last > 0 && !(cumulative[offset + last + 1]! > cumulative[offset + last]!)) last--;
  return last;
}
