/**
 * The Kubernetes Jobs that README.md and docs/sweeps.md show, read from their YAML blocks and
 * checked against the Job's schema: every field known and of its type, the fields a Job must
 * have, the rules the API server enforces between them, and that the sweep's shard count is its
 * completions. No Kubernetes runs here (the machine cannot fetch container images), so this
 * checks the manifests' form, which is what a typo or a change of the CLI would break; the
 * cluster path itself is proven on Slurm by `npm run test:cluster`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import * as z from 'zod';
import { REPO } from '../helpers.ts';

// The fields the manifests use, by the batch/v1 and core/v1 API reference; strict, so that an
// unknown or misspelled field (`backofLimitPerIndex`) fails as kubectl's validation would.
const count = z.int().min(0);
const Container = z.strictObject({
  name: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/),
  image: z.string().min(1),
  workingDir: z.string().optional(),
  command: z.array(z.string()).min(1),
  env: z.array(z.strictObject({ name: z.string().min(1), value: z.string() })).optional(),
  resources: z
    .strictObject({
      requests: z.record(z.string(), z.string()).optional(),
      limits: z.record(z.string(), z.string()).optional(),
    })
    .optional(),
  volumeMounts: z
    .array(z.strictObject({ name: z.string(), mountPath: z.string().startsWith('/') }))
    .optional(),
});
const Volume = z.strictObject({
  name: z.string(),
  persistentVolumeClaim: z.strictObject({ claimName: z.string().min(1) }),
});
const PodFailurePolicyRule = z.strictObject({
  action: z.enum(['FailJob', 'FailIndex', 'Ignore', 'Count']),
  onExitCodes: z
    .strictObject({
      containerName: z.string().optional(),
      operator: z.enum(['In', 'NotIn']),
      values: z.array(z.int()).min(1),
    })
    .optional(),
  onPodConditions: z
    .array(z.strictObject({ type: z.string(), status: z.string().optional() }))
    .optional(),
});
const Job = z.strictObject({
  apiVersion: z.literal('batch/v1'),
  kind: z.literal('Job'),
  metadata: z.strictObject({ name: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/) }),
  spec: z.strictObject({
    completionMode: z.enum(['NonIndexed', 'Indexed']).optional(),
    completions: z.int().min(1).optional(),
    parallelism: z.int().min(1).optional(),
    backoffLimit: count.optional(),
    backoffLimitPerIndex: count.optional(),
    maxFailedIndexes: count.optional(),
    podFailurePolicy: z.strictObject({ rules: z.array(PodFailurePolicyRule).min(1) }).optional(),
    template: z.strictObject({
      spec: z.strictObject({
        restartPolicy: z.enum(['Never', 'OnFailure']),
        containers: z.array(Container).min(1),
        volumes: z.array(Volume).optional(),
      }),
    }),
  }),
});
type Job = z.infer<typeof Job>;

/** The YAML documents of a Markdown file's ```yaml blocks. */
function yamlDocuments(file: string) {
  const text = readFileSync(join(REPO, file), 'utf8');
  const blocks = [...text.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);
  return blocks.flatMap((block) => parseAllDocuments(block));
}

/** The rules the API server checks across fields, as messages; empty when the Job is valid. */
function apiRules(job: Job): string[] {
  const { spec } = job;
  const pod = spec.template.spec;
  const names = pod.containers.map((container) => container.name);
  const volumes = new Set((pod.volumes ?? []).map((volume) => volume.name));
  const problems: string[] = [];
  const indexed = spec.completionMode === 'Indexed';
  if (indexed && spec.completions === undefined) problems.push('Indexed needs completions');
  if (spec.backoffLimitPerIndex !== undefined && !indexed) {
    problems.push('backoffLimitPerIndex needs completionMode Indexed');
  }
  if (spec.maxFailedIndexes !== undefined && spec.backoffLimitPerIndex === undefined) {
    problems.push('maxFailedIndexes needs backoffLimitPerIndex');
  }
  if (
    (spec.backoffLimitPerIndex !== undefined || spec.podFailurePolicy !== undefined) &&
    pod.restartPolicy !== 'Never'
  ) {
    problems.push('backoffLimitPerIndex and podFailurePolicy need restartPolicy Never');
  }
  if (new Set(names).size !== names.length) problems.push('container names repeat');
  for (const rule of spec.podFailurePolicy?.rules ?? []) {
    if ((rule.onExitCodes === undefined) === (rule.onPodConditions === undefined)) {
      problems.push('a podFailurePolicy rule needs onExitCodes or onPodConditions, not both');
    }
    if (rule.action === 'FailIndex' && spec.backoffLimitPerIndex === undefined) {
      problems.push('FailIndex needs backoffLimitPerIndex');
    }
    const codes = rule.onExitCodes;
    if (codes?.containerName !== undefined && !names.includes(codes.containerName)) {
      problems.push(`onExitCodes names no container: ${codes.containerName}`);
    }
    if (codes?.operator === 'In' && codes.values.includes(0)) {
      problems.push('onExitCodes In may not hold 0');
    }
  }
  for (const container of pod.containers) {
    for (const mount of container.volumeMounts ?? []) {
      if (!volumes.has(mount.name)) problems.push(`volumeMount of no volume: ${mount.name}`);
    }
  }
  return problems;
}

/** A command's `--name=value` or `--name value`. */
function option(command: readonly string[], name: string): string | undefined {
  const at = command.findIndex((word) => word === name || word.startsWith(`${name}=`));
  if (at < 0) return undefined;
  const word = command[at]!;
  return word === name ? command[at + 1] : word.slice(name.length + 1);
}

describe.each(['README.md', 'docs/sweeps.md'])('the Kubernetes Jobs in %s', (file) => {
  const documents = yamlDocuments(file);
  const jobs = documents.map((document) => Job.safeParse(document.toJS()));
  const valid = jobs.flatMap((job) => (job.success ? [job.data] : []));
  const sweeps = valid.filter((job) =>
    job.spec.template.spec.containers.some((container) => container.command.includes('sweep')),
  );

  it('parse as YAML, and each is a batch/v1 Job of known fields that the API server accepts', () => {
    expect(documents.length).toBeGreaterThan(0);
    for (const document of documents) expect(document.errors).toEqual([]);
    for (const job of jobs) expect(job.error?.issues ?? []).toEqual([]);
    for (const job of valid) expect(apiRules(job), job.metadata.name).toEqual([]);
  });

  it('run the sweep as an Indexed Job whose AISIM_SHARD_COUNT is its completions', () => {
    expect(sweeps).toHaveLength(1);
    const { spec } = sweeps[0]!;
    expect(spec.completionMode).toBe('Indexed');
    expect(spec.parallelism).toBeLessThanOrEqual(spec.completions!);
    const [aisim] = spec.template.spec.containers;
    const shardCount = aisim!.env?.find((variable) => variable.name === 'AISIM_SHARD_COUNT');
    expect(shardCount?.value).toBe(String(spec.completions));
    const { command } = aisim!;
    expect(command.slice(0, 3)).toEqual(['node', 'bin/aisim.js', 'sweep']);
    expect(existsSync(join(REPO, command[3]!)), command[3]).toBe(true);
    expect(command).toContain('--resume');
    expect(option(command, '--shard')).toBeUndefined(); // the shard comes from the Job
    const out = option(command, '--out');
    const mounted = aisim!.volumeMounts?.map((mount) => mount.mountPath) ?? [];
    expect(mounted.some((path) => out?.startsWith(path))).toBe(true);
  });

  it('fail a shard at once on a bad input (exit 2), and retry it after any other failure', () => {
    const { spec } = sweeps[0]!;
    expect(spec.backoffLimitPerIndex).toBeGreaterThan(0);
    const [aisim] = spec.template.spec.containers;
    expect(spec.podFailurePolicy?.rules).toContainEqual({
      action: 'FailIndex',
      onExitCodes: { containerName: aisim!.name, operator: 'In', values: [2] },
    });
  });

  it('merge the shards the sweep writes', () => {
    const { spec } = sweeps[0]!;
    const out = option(spec.template.spec.containers[0]!.command, '--out');
    const text = readFileSync(join(REPO, file), 'utf8');
    const merges = [...text.matchAll(/aisim\.js merge (\S+)/g)].map((match) => match[1]);
    expect(merges).toContain(`${out}/uncertain-baseline-sweep-shard-*-of-${spec.completions}`);
  });
});
