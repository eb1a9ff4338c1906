/**
 * Property tests draw from a fixed seed, so that `npm test` gives the same verdict on every
 * run and CI never fails on a case no one can reproduce. To explore new cases, set FC_SEED
 * to another whole number (a failure prints the seed and path that reproduce it).
 */
import fc from 'fast-check';
import { useThreadLoader } from '../src/scenario/thread-loader.ts';

fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20_221_130) });

// Vitest compiles TypeScript for every test file: scenario files share its modules.
useThreadLoader();
