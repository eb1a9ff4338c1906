/**
 * The engine's own immer instance. Auto-freezing is off because freezing walks every offer on
 * each commit, which dominated a month's cost; phases instead build the few objects they change
 * and freeze those themselves (`frozen`). A private instance leaves immer's global settings, and
 * any other user of immer in the process, alone.
 */
import { Immer } from 'immer';

const immer = new Immer({ autoFreeze: false });

export const produce: Immer['produce'] = immer.produce;

/** A shallowly frozen copy of `base` with `changes` applied. */
export function frozen<T extends object>(base: T, changes: Partial<T>): T {
  return Object.freeze({ ...base, ...changes });
}
