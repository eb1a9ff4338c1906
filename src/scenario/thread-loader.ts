/**
 * Whether a loader that compiles TypeScript serves this whole thread: tsx, which `bin/aisim.js`
 * and the sweep worker register before anything else, or the test runner's. Scenario files are
 * then imported as any module is and share the thread's one copy of the library; otherwise (the
 * library used from another program) `tsImport` compiles each in a namespace of its own, where
 * `ai-market-sim` and its zod load a second time: some 250 modules, half a second of a command's
 * start. A module of its own, with no imports, so that an entry point can say so cheaply.
 */
let threadLoader = false;

/** Says that the thread's loader compiles TypeScript. */
export function useThreadLoader(): void {
  threadLoader = true;
}

export function hasThreadLoader(): boolean {
  return threadLoader;
}
