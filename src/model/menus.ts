/**
 * The menu a customer faces, per taste group and capability cut-off c (the c most capable slots
 * qualify): its price index P = exp(-IV / alpha), USD/MTok, with IV the inclusive value of the
 * logit (or nested logit) over the qualifying slots and the outside option; the spend per unit
 * of demand scale at it, (P + a)^-eta P, USD; and S(P) (docs/MODEL.md, "Welfare from the choice
 * model"). A customer buys nothing when P is above its willingness to pay.
 *
 * A month's customers use about a tenth of the rows (a baseline month, 213 of 2,061), so a row
 * is computed when first asked for. Its figures are the same whichever rows were asked for
 * before, and in whatever order: each sums its qualifying slots in capability order.
 */

import type { TypedArrays } from '../math/arena.ts';
import { surplusFactor, volumeFactor } from './demand.ts';
import { addToSubNest, subNestTerm } from './nested-logit.ts';

/** The menus' figures, row `group * (slots + 1) + cutoff`, each computed by `row`. */
export interface MenuRows {
  /** The row of taste group `group` at cut-off `cutoff`, its figures computed. */
  row(group: number, cutoff: number): number;
  readonly priceIndex: Float64Array;
  readonly spend: Float64Array;
  readonly surplus: Float64Array;
}

/** What the menus are computed from: the month's logit weights (`choice-market.ts`). */
export interface MenuInputs {
  readonly slots: number;
  readonly groups: number;
  /** Slots from the most capable to the least. */
  readonly byCapability: Int32Array;
  /** Per group and slot, the logit weight exp(V - shift), 0 for a channel the group does not buy through. */
  readonly weight: Float64Array;
  /** Per group and slot, V - shift. */
  readonly utility: Float64Array;
  readonly outsideWeight: Float64Array;
  /** Per group, the utility the weights were taken less of. */
  readonly shift: Float64Array;
  readonly inverseSensitivity: Float64Array;
  /** Under nested logit (nests > 0): the slots' nests, within-nest weights and nest maxima. */
  readonly nests: number;
  readonly nestOf: Int32Array;
  readonly nestWeight: Float64Array;
  readonly nestTop: Float64Array;
  /** sigma, the within-nest correlation. */
  readonly correlation: number;
  /**
   * Sub-nests (docs/MODEL.md, "Sub-nests"): their number (0 for none), each slot's (-1 for a
   * slot alone in its nest), each one's nest, and rho_2, their within correlation.
   */
  readonly subNests: number;
  readonly subNestOf: Int32Array;
  readonly nestOfSubNest: Int32Array;
  readonly subNestCorrelation: number;
  readonly elasticity: number;
  readonly saturationUsdPerMTok: number;
}

export class ChoiceMenus implements MenuRows {
  readonly priceIndex: Float64Array;
  readonly spend: Float64Array;
  readonly surplus: Float64Array;
  /** 1 where a row has been computed. */
  private readonly ready: Uint8Array;
  private readonly nestSum: Float64Array;
  /** Under sub-nests: whether a nest has a qualifying slot, and each sub-nest's running top and sum. */
  private readonly touched: Uint8Array;
  private readonly subTop: Float64Array;
  private readonly subSum: Float64Array;
  private readonly width: number;

  constructor(
    private readonly inputs: MenuInputs,
    arrays: TypedArrays,
  ) {
    const rows = inputs.groups * (inputs.slots + 1);
    this.width = inputs.slots + 1;
    this.priceIndex = arrays.float64(rows);
    this.spend = arrays.float64(rows);
    this.surplus = arrays.float64(rows);
    this.ready = arrays.uint8(rows);
    this.nestSum = arrays.float64(inputs.nests);
    this.touched = arrays.uint8(inputs.subNests > 0 ? inputs.nests : 0);
    this.subTop = arrays.float64(inputs.subNests);
    this.subSum = arrays.float64(inputs.subNests);
  }

  row(group: number, cutoff: number): number {
    const at = group * this.width + cutoff;
    if (this.ready[at] === 0) {
      this.compute(group, cutoff, at);
      this.ready[at] = 1;
    }
    return at;
  }

  private compute(group: number, cutoff: number, at: number): void {
    const { slots, byCapability, weight, nests, nestOf, nestWeight, nestTop } = this.inputs;
    const { elasticity, saturationUsdPerMTok: saturation } = this.inputs;
    const keep = 1 - this.inputs.correlation;
    const row = group * slots;
    // The qualifying slots' weight: under nested logit sum_n exp(m_n) D_n^(1 - sigma), the
    // nests' sums D_n taken in capability order. A slot the group does not weigh (a channel its
    // segment does not buy through) adds nothing.
    let inside = 0;
    if (nests > 0 && this.inputs.subNests > 0) {
      inside = this.insideWithSubNests(group, cutoff);
    } else if (nests === 0) {
      for (let c = 0; c < cutoff; c++) {
        const k = byCapability[c]!;
        if (weight[row + k] !== 0) inside += weight[row + k]!;
      }
    } else {
      const nestSum = this.nestSum;
      nestSum.fill(0);
      for (let c = 0; c < cutoff; c++) {
        const k = byCapability[c]!;
        if (weight[row + k] !== 0 && nestWeight[row + k]! > 0) {
          nestSum[nestOf[k]!] = nestSum[nestOf[k]!]! + nestWeight[row + k]!;
        }
      }
      for (let n = 0; n < nests; n++) {
        const sum = nestSum[n]!;
        inside += sum > 0 ? Math.exp(nestTop[group * nests + n]! + keep * Math.log(sum)) : 0;
      }
    }
    const inclusiveValue =
      this.inputs.shift[group]! + Math.log(inside + this.inputs.outsideWeight[group]!);
    const index = Math.exp(-inclusiveValue * this.inputs.inverseSensitivity[group]!);
    this.priceIndex[at] = index;
    this.spend[at] = volumeFactor(index, elasticity, saturation) * index;
    this.surplus[at] = surplusFactor(index, elasticity, saturation);
  }

  /**
   * The qualifying slots' weight with sub-nests: per nest exp(m_n) times (its lone slots'
   * weights plus its sub-nests' terms)^(1 - sigma), the sub-nests' sums taken in capability
   * order (`addToSubNest`, `subNestTerm`).
   */
  private insideWithSubNests(group: number, cutoff: number): number {
    const { slots, byCapability, weight, utility, nests, nestOf, nestWeight, nestTop } =
      this.inputs;
    const { subNests, subNestOf, nestOfSubNest, correlation: sigma } = this.inputs;
    const rho2 = this.inputs.subNestCorrelation;
    const { touched, subTop, subSum } = this;
    const loneSum = this.nestSum;
    const row = group * slots;
    touched.fill(0);
    loneSum.fill(0);
    subTop.fill(Number.NEGATIVE_INFINITY);
    subSum.fill(0);
    for (let c = 0; c < cutoff; c++) {
      const k = byCapability[c]!;
      if (weight[row + k] === 0) continue;
      const n = nestOf[k]!;
      const h = subNestOf[k]!;
      touched[n] = 1;
      if (h >= 0) addToSubNest(subTop, subSum, h, utility[row + k]! / (1 - rho2));
      else loneSum[n] = loneSum[n]! + nestWeight[row + k]!;
    }
    let inside = 0;
    for (let n = 0; n < nests; n++) {
      if (touched[n] === 0) continue;
      const m = nestTop[group * nests + n]!;
      let sum = loneSum[n]!;
      for (let j = 0; j < subNests; j++) {
        if (nestOfSubNest[j] === n) sum += subNestTerm(subTop[j]!, subSum[j]!, m, sigma, rho2);
      }
      inside += sum > 0 ? Math.exp(m + (1 - sigma) * Math.log(sum)) : 0;
    }
    return inside;
  }
}
