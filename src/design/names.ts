/**
 * The experiment designs a sweep can use (`plan.ts` builds them). Apart from the designs
 * themselves, so that the command line can list them without loading them.
 */
export const DESIGN_NAMES = ['random', 'lhs', 'sobol', 'morris', 'grid'] as const;
export type DesignName = (typeof DESIGN_NAMES)[number];
