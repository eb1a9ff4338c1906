/**
 * `npm run bench`: the speed and memory figures, one JSON object per line, each with a "case".
 * Every case runs in a process of its own, so that neither its memory nor its compiled code is
 * another's. Name cases to run only those: `npm run bench -- choice-kernel run-baseline-10k`.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const folder = fileURLToPath(new URL('./cases/', import.meta.url));
const cases = readdirSync(folder)
  .filter((file) => file.endsWith('.ts'))
  .map((file) => file.slice(0, -'.ts'.length))
  .sort();
const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !cases.includes(name));
if (unknown.length > 0) {
  console.error(`unknown benchmark case: ${unknown.join(', ')} (cases: ${cases.join(', ')})`);
  process.exit(2);
}
for (const name of wanted.length > 0 ? wanted : cases) {
  const output = execFileSync(process.execPath, ['--import', 'tsx', `${folder}${name}.ts`], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  process.stdout.write(output);
}
