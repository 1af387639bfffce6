/**
 * The example outputs of docs/: each produced by the command it documents, run in-process on the default
 * environments (or on a small, named change of them), so a doc fails `__tests__/docs.test.ts` when the tool's
 * output changes. Paths of this machine (temporary directories) are replaced by the names a reader would type.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENVIRONMENTS } from '../../config/environments';
import { formatProblems } from '../../config/load';
import { matrixContexts } from '../../simulator/context';
import { run as simulate } from '../../simulator/cli';
import { StackModel } from '../../synthesized/model';
import { main as release } from '../../release/cli';
import { writeRecord } from '../../release/records';
import { buildApp, synthesizeApp } from '../../stacks/app';

/** A fenced block of plain text. */
const fenced = (text: string, lang = 'text') => `\`\`\`${lang}\n${text.replace(/\n+$/, '')}\n\`\`\`\n`;

/** Runs `fn` with a temporary directory, removed afterwards. */
function inTemp<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'docs-example-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `npm run release -- <argv>` in-process: what it prints on stdout and stderr, and its exit code. */
function releaseOutput(argv: readonly string[]): { out: string; err: string; code: number } {
  const out: string[] = [];
  const err: string[] = [];
  const code = release(argv, process.cwd(), { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { out: out.join(''), err: err.join(''), code };
}

/**
 * The simulator's examples: a trace, a denied trace from a blocked country, one at HIGH risk from outside the
 * rollout, and the beginning of a matrix.
 */
export function simulatorExamples(outdir: string): Record<string, string> {
  const dir = ['--dir', outdir];
  const trace = simulate([
    ...dir,
    ...['--env', 'prod', '--group', 'API Payments Operators', '--app', 'payments-console'],
    ...['--route', 'POST /payments'],
  ]);
  const blocked = simulate([
    ...dir,
    ...['--env', 'prod', '--group', 'API Users', '--app', 'portal', '--route', 'POST /orders'],
    ...['--zone', 'country:KP', '--device', 'unmanaged'],
  ]);
  const highRisk = simulate([
    ...dir,
    ...['--env', 'prod', '--group', 'API Users', '--app', 'portal', '--route', 'POST /orders', '--risk', 'HIGH'],
  ]);
  const matrix = simulate([...dir, '--env', 'prod', '--matrix']).split('\n');
  const firstRows = matrix.findIndex((l, i) => i > 5 && l.startsWith('  ') && !l.startsWith('    '));
  const second = matrix.findIndex((l, i) => i > firstRows && l.startsWith('  ') && !l.startsWith('    '));
  return {
    'simulator-trace': fenced(trace),
    'simulator-blocked-trace': fenced(blocked),
    'simulator-high-risk-trace': fenced(highRisk),
    'simulator-matrix': fenced(`${matrix.slice(0, second).join('\n')}\n...`),
  };
}

/** The contexts of prod's matrix by key, as `--matrix` labels them. */
export function matrixContextList(outdir: string): string {
  const prod = StackModel.loadDir(outdir).find((s) => s.environment === 'prod')!;
  return `${matrixContexts([prod])
    .map((c) => `- \`${c.key}\`: ${c.description}`)
    .join('\n')}\n`;
}

/** `npm run status -- --env prod --offline`: what it would read, when it may not. */
export function statusOffline(outdir: string): string {
  return inTemp((records) => {
    const r = releaseOutput(['status', '--env', 'prod', '--dir', outdir, '--offline', '--records-dir', records]);
    return fenced(`${r.out}${r.err}`.split(records).join('.releases'));
  });
}

/** `npm run release -- promote-check` refusing a version the environment before does not run. */
export function promoteRefusal(): string {
  return inTemp((records) => {
    writeRecord(records, {
      environment: 'dev',
      stack: 'identity-gateway-dev',
      version: '1.4.0+3.g1a2b3c4',
      resources: 96,
      recordedAt: '2026-01-01T00:00:00.000Z',
    });
    const r = releaseOutput(['promote-check', '--env', 'staging', '--version', '1.5.0', '--records-dir', records]);
    return fenced(`${r.out}${r.err}`.split(records).join('.releases'));
  });
}

/**
 * `npm run release -- rollback --env dev --to 1.0.0 --current 1.1.0` from two synth outputs of dev: 1.1.0 is the
 * example pull request's head (tools/docs/generate.ts, EXAMPLE_CHANGES), 1.0.0 the default environments.
 */
export function rollbackExample(current: string, target: string): Record<string, string> {
  return inTemp((work) => {
    const argv = ['rollback', '--env', 'dev', '--to', '1.0.0', '--current', '1.1.0'];
    const dirs = ['--current-dir', current, '--target-dir', target, '--records-dir', work, '--out', work];
    const r = releaseOutput([...argv, ...dirs]);
    const named = (s: string) => s.split(current).join('v1.1.0.out').split(target).join('v1.0.0.out');
    return {
      'rollback-example': `\`\`\`\`markdown\n${named(r.out)}\`\`\`\`\n`,
      'rollback-refusal': `and exits ${r.code} with:\n\n${fenced(named(r.err))}`,
    };
  });
}

/** What `npm run synth` prints for two mistakes in prod's config (a dynamic issuer, a misspelt scope). */
export function configErrors(): string {
  const prod = structuredClone(ENVIRONMENTS.prod) as any;
  prod.identity.authorizationServer = { ...prod.identity.authorizationServer, issuerMode: 'DYNAMIC' };
  prod.gateway.routes[0].scopes = ['profile:raed'];
  const { problems } = buildApp({ environments: { prod }, version: '0.0.0', outdir: join(tmpdir(), 'unused') });
  return fenced(formatProblems(problems));
}

/** What `npm run synth` prints when prod's admins could no longer sign in (Okta Verify not allowed). */
export function lockOutError(): string {
  return inTemp((outdir) => {
    const prod = structuredClone(ENVIRONMENTS.prod) as any;
    prod.identity.mfa.authenticators['okta-verify'].enrollment = 'NOT_ALLOWED';
    const built = buildApp({ environments: { prod }, version: '0.0.0', outdir });
    const names = Object.values(built.stacks).map((s) => s.node.id);
    const { problems } = synthesizeApp(built.app, names, outdir, { configs: built.configs });
    return fenced(formatProblems([...built.problems, ...problems]));
  });
}
