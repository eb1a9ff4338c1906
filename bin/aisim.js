#!/usr/bin/env node
// The aisim command: compiles the TypeScript sources on the fly with tsx, then runs the CLI.
import { register } from 'tsx/esm/api';

register();
const { useThreadLoader } = await import('../src/scenario/thread-loader.ts');
useThreadLoader();
await import('../src/cli/main.ts');
