/**
 * `npm run synth` end to end, as a user runs it: the project copied to fresh directories, synthesized
 * there by the real entry point. Output is byte-identical whatever the path, and a bad environment
 * exits non-zero with a readable message and no output for that environment.
 */
import { spawn } from 'node:child_process';
import {
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
  existsSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..');
const SKIP = new Set(['node_modules', 'cdktf.out', '.git', '__tests__', 'bench', 'coverage', '.github']);

/** Copies the project (sources only, node_modules linked) into a new directory. */
function copyProject(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `igw-${label}-`));
  for (const entry of readdirSync(ROOT)) {
    if (SKIP.has(entry) || entry.endsWith('.tfstate')) continue;
    cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

function synth(cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: '1' };
  delete env.CDKTF_OUTDIR; // synthesize into the project's own cdktf.out, as `npm run synth` does
  return new Promise((resolve) => {
    // Exactly what `npm run synth` runs (package.json), from the copy's own directory.
    const child = spawn(process.execPath, ['-r', './tools/register.js', 'main.ts'], { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

function files(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const e of readdirSync(d).sort()) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

const STACKS = ['identity-gateway-dev', 'identity-gateway-prod', 'identity-gateway-staging'];
let a: string, b: string, broken: string;
let runs: { code: number; stdout: string; stderr: string }[];

beforeAll(async () => {
  a = copyProject('a');
  b = copyProject('b');
  broken = copyProject('broken');
  // GIVEN a prod config with two mistakes
  const prodFile = join(broken, 'config', 'environments', 'prod.ts');
  writeFileSync(
    prodFile,
    readFileSync(prodFile, 'utf8')
      .replace("allowedAccountIds: ['333333333333']", "allowedAccountIds: ['33333333']")
      .replace('logRetentionDays: 365', 'logRetentionDays: 364'),
  );
  // AND a staging config that parses but whose stack fails a guardrail (a suppression that has expired)
  const stagingFile = join(broken, 'config', 'environments', 'staging.ts');
  const expired =
    "suppressions: [{ ruleId: 'GW-01', address: 'x.y', reason: 'expired long ago', expires: '2020-01-01' }],";
  writeFileSync(
    stagingFile,
    readFileSync(stagingFile, 'utf8').replace('protect: false,', `protect: false,\n  ${expired}`),
  );
  runs = await Promise.all([synth(a), synth(b), synth(broken)]);
}, 120000);

afterAll(() => {
  for (const d of [a, b, broken]) if (d) rmSync(d, { recursive: true, force: true });
});

test('synthesizes every environment into cdktf.out/stacks/<stack>/cdk.tf.json', () => {
  expect(runs[0].code).toBe(0);
  expect(readdirSync(join(a, 'cdktf.out', 'stacks')).sort()).toEqual(STACKS);
  for (const s of STACKS) expect(existsSync(join(a, 'cdktf.out', 'stacks', s, 'cdk.tf.json'))).toBe(true);
});

test('output is byte-identical in two different directories and names neither', () => {
  const first = files(join(a, 'cdktf.out'));
  const second = files(join(b, 'cdktf.out'));
  expect([...second.keys()]).toEqual([...first.keys()]);
  for (const [name, bytes] of first)
    expect({ name, same: bytes.equals(second.get(name)!) }).toEqual({ name, same: true });
  for (const [name, bytes] of first) {
    const text = bytes.toString('latin1');
    expect({ name, leaks: text.includes(a) || text.includes(tmpdir()) || text.includes(ROOT) }).toEqual({
      name,
      leaks: false,
    });
  }
});

test('fails for a bad environment: exit 1, every problem named, nothing written for it, others written', () => {
  const run = runs[2];
  expect(run.code).toBe(1);
  expect(run.stderr).toContain('nothing was synthesized for prod');
  expect(run.stderr).toContain('[prod] aws.allowedAccountIds[0] = "33333333": an AWS account id has 12 digits');
  expect(run.stderr).toContain('[prod] gateway.logRetentionDays = 364: CloudWatch accepts');
  expect(readdirSync(join(broken, 'cdktf.out', 'stacks'))).toContain('identity-gateway-dev');
});

test('fails for a stack with a guardrail error: nothing is left to deploy for it, the others are written', () => {
  const run = runs[2];
  expect(run.stderr).toContain('Nothing was left to deploy for identity-gateway-staging (guardrail errors).');
  expect(readdirSync(join(broken, 'cdktf.out', 'stacks')).sort()).toEqual(['identity-gateway-dev']);
  // AND the manifest (what `cdktf deploy` and `npm run check` read) no longer lists it
  const manifest = JSON.parse(readFileSync(join(broken, 'cdktf.out', 'manifest.json'), 'utf8'));
  expect(Object.keys(manifest.stacks)).toEqual(['identity-gateway-dev']);
  expect(readdirSync(join(broken, 'cdktf.out')).filter((e) => e.startsWith('.synth-'))).toEqual([]);
});
