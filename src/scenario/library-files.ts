/**
 * Files of the scenario library (`scenarios/`) that commands use when given none. Apart from
 * the code that runs them, so that a command's options can name them without loading it.
 */
import { fileURLToPath } from 'node:url';

/** The calibrated scenario, which `aisim validate` checks and `aisim params` lists by default. */
export const BASELINE_FILE = fileURLToPath(new URL('../../scenarios/baseline.ts', import.meta.url));
