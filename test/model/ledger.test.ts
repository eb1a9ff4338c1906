import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CUSTOMERS, Ledger, OUTSIDE } from '../../src/model/ledger.ts';

const AGENTS = 4;
/** A payment of the model's: customers pay sellers; agents pay each other or the outside economy. */
const payment = fc
  .record({
    payer: fc.integer({ min: CUSTOMERS, max: AGENTS - 1 }),
    payee: fc.oneof(fc.constant(OUTSIDE), fc.integer({ min: 0, max: AGENTS - 1 })),
    usd: fc.double({ min: 0, max: 1e9, noNaN: true }),
    kind: fc.constantFrom('variable' as const, 'fixed' as const),
  })
  .map((p) => (p.payer === CUSTOMERS && p.payee === OUTSIDE ? { ...p, payee: 0 } : p));

describe('the ledger', () => {
  it('conserves money: profits are what customers paid less what went to the outside economy', () => {
    fc.assert(
      fc.property(fc.array(payment, { maxLength: 60 }), (payments) => {
        const ledger = new Ledger(AGENTS);
        for (const { payer, payee, usd, kind } of payments) ledger.pay(payer, payee, usd, kind);
        let revenue = 0;
        let costs = 0;
        let profit = 0;
        for (let a = 0; a < AGENTS; a++) {
          revenue += ledger.revenueUsd[a]!;
          costs += ledger.variableCostUsd[a]! + ledger.fixedCostUsd[a]!;
          profit += ledger.profitUsd(a);
        }
        const tolerance =
          1e-9 * Math.max(1, ledger.spendUsd + ledger.interAgentUsd + ledger.resourceCostUsd);
        expect(Math.abs(revenue - ledger.spendUsd - ledger.interAgentUsd)).toBeLessThanOrEqual(
          tolerance,
        );
        expect(Math.abs(costs - ledger.interAgentUsd - ledger.resourceCostUsd)).toBeLessThanOrEqual(
          tolerance,
        );
        expect(Math.abs(profit - ledger.spendUsd + ledger.resourceCostUsd)).toBeLessThanOrEqual(
          tolerance,
        );
      }),
    );
  });

  it('books each payment once: revenue to an agent payee, a variable or fixed cost to an agent payer', () => {
    const ledger = new Ledger(3);
    ledger.pay(CUSTOMERS, 0, 100);
    ledger.pay(0, 1, 30);
    ledger.pay(1, OUTSIDE, 20, 'fixed');
    ledger.pay(2, OUTSIDE, 0); // nothing to book
    expect(Array.from(ledger.revenueUsd)).toEqual([100, 30, 0]);
    expect(Array.from(ledger.variableCostUsd)).toEqual([30, 0, 0]);
    expect(Array.from(ledger.fixedCostUsd)).toEqual([0, 20, 0]);
    expect([ledger.spendUsd, ledger.interAgentUsd, ledger.resourceCostUsd]).toEqual([100, 30, 20]);
    expect([0, 1, 2].map((a) => ledger.profitUsd(a))).toEqual([70, 10, 0]);
  });
});
