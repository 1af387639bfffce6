/**
 * One benchmark run of `npm run preflight` against the local stand-in of the Okta API
 * (tools/okta-stand-in.ts: Okta's page sizes and per-endpoint rate limits): the prod stack of a
 * synth output (the 1,000-route, 200-app, 50-group scale config) against an org holding every object of it
 * outside the stack's state (a first apply: every group is looked up by name, every app, zone and origin
 * listed), the heaviest read the preflight makes. Prints one JSON line: the preflight's own wall time (the
 * org's set-up not counted), the largest share of an endpoint's rate limit used in one window, the requests.
 *
 *   node -r ./tools/register.js bench/preflight.ts <synth output dir>
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../release/org/cli';
import { StackModel } from '../synthesized/model';
import { appliedOrg } from '../tools/okta-org';
import { startStandIn } from '../tools/okta-stand-in';

export interface PreflightRun {
  readonly ms: number;
  readonly maxRateShare: number;
  readonly requests: number;
}

export async function measurePreflight(outdir: string): Promise<PreflightRun> {
  const model = StackModel.loadDir(outdir).find((s) => s.environment === 'prod');
  if (!model) throw new Error(`${outdir} holds no prod stack`);
  const token = 'bench-stand-in-token';
  const standIn = await startStandIn(appliedOrg(model).org, { apiToken: token });
  const cwd = mkdtempSync(join(tmpdir(), 'igw-preflight-bench-'));
  let err = '';
  try {
    const start = process.hrtime.bigint();
    const code = await main('preflight', ['--env', 'prod', '--dir', outdir, '--json'], {
      out: () => undefined,
      err: (s) => (err += s),
      env: { OKTA_API_TOKEN: token, OKTA_API_BASE_URL: standIn.url },
      cwd,
    });
    const ms = Math.round(Number(process.hrtime.bigint() - start) / 1e6);
    // A first apply: warnings (objects to adopt), no blocker.
    if (code !== 0) throw new Error(`preflight exited ${code}: ${err}`);
    return { ms, maxRateShare: Number(standIn.maxShare().toFixed(3)), requests: standIn.requests.length };
  } finally {
    await standIn.close();
    rmSync(cwd, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const [outdir] = process.argv.slice(2);
  if (!outdir) {
    process.stderr.write('usage: node -r ./tools/register.js bench/preflight.ts <synth output dir>\n');
    process.exitCode = 2;
  } else {
    measurePreflight(outdir).then(
      (r) => process.stdout.write(`${JSON.stringify(r)}\n`),
      (e: Error) => {
        process.stderr.write(`${e.message}\n`);
        process.exitCode = 1;
      },
    );
  }
}
