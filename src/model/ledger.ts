/**
 * The month's ledger. Every flow of money is one payment from a payer to a payee, so money is
 * conserved by construction: what customers pay equals what agents book as profit plus what
 * they pay to the outside economy (compute, energy, training runs, opex).
 */
import { FRESH_ARRAYS, type TypedArrays } from '../math/arena.ts';

/** The payer of retail spend. */
export const CUSTOMERS = -1;
/** The payee of real resource costs: chips, energy, datacenters, staff. */
export const OUTSIDE = -2;

export type CostKind = 'variable' | 'fixed';

export class Ledger {
  readonly revenueUsd: Float64Array;
  readonly variableCostUsd: Float64Array;
  readonly fixedCostUsd: Float64Array;
  /** Retail spend: customers' payments to sellers. */
  spendUsd = 0;
  /** Payments between agents (wholesale, rent, revenue shares). */
  interAgentUsd = 0;
  /** Payments to the outside economy. */
  resourceCostUsd = 0;

  constructor(agents: number, arrays: TypedArrays = FRESH_ARRAYS) {
    this.revenueUsd = arrays.float64(agents);
    this.variableCostUsd = arrays.float64(agents);
    this.fixedCostUsd = arrays.float64(agents);
  }

  pay(payer: number, payee: number, usd: number, kind: CostKind = 'variable'): void {
    if (usd === 0) return;
    if (payer === CUSTOMERS) {
      this.spendUsd += usd;
    } else {
      const costs = kind === 'variable' ? this.variableCostUsd : this.fixedCostUsd;
      costs[payer] = costs[payer]! + usd;
    }
    if (payee === OUTSIDE) {
      this.resourceCostUsd += usd;
    } else {
      this.revenueUsd[payee] = this.revenueUsd[payee]! + usd;
      if (payer !== CUSTOMERS) this.interAgentUsd += usd;
    }
  }

  profitUsd(agent: number): number {
    return this.revenueUsd[agent]! - this.variableCostUsd[agent]! - this.fixedCostUsd[agent]!;
  }
}
