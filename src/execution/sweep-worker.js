// A sweep's worker thread: worker threads do not inherit the tsx loader that bin/aisim.js
// registers (Node 20), so this plain-JavaScript entry registers it, then loads the TypeScript.
import { register } from 'tsx/esm/api';

register();
const { useThreadLoader } = await import('../scenario/thread-loader.ts');
useThreadLoader();
const worker = await import('./sweep-worker.ts');

export default worker.default;
