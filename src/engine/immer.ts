/**
 * The engine's own immer instance, and how the phases use it. Every change of the world
 * (the market's indices, the models, the offers, the sellers' states) happens inside one
 * `produce` per phase: the phase computes its decisions from the world as it was, then applies
 * them to the draft.
 *
 * Small, rare changes write draft fields (`draft.agents[a].nextReleaseTick = ...`). The two
 * changes that touch every offer on sale each month (its price; what its seller observed) and
 * the monthly books of every agent put a new list into the draft instead, each changed record
 * built by one literal (`offerWith`): a draft per record costs 2-8 µs here, and drafts of the
 * few dozen offers and agents a month made a run 30-45 % slower (measured on the baseline at
 * 10,000 customers); whole lists cost what building them costs.
 *
 * Auto-freezing is off (freezing walks every offer on each commit); the lists and records the
 * phases build are frozen by them, and a frozen list is also where immer's finalisation stops.
 * A private instance leaves immer's global settings, and any other user of immer, alone.
 */
import { Immer } from 'immer';

const immer = new Immer({ autoFreeze: false });

export const produce: Immer['produce'] = immer.produce;
