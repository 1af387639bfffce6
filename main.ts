/**
 * The cdktf app: one IdentityGatewayStack per environment (identity-gateway-dev|staging|prod).
 * `npm run synth` and `cdktf synth|diff|deploy` both run this file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENVIRONMENTS } from './config/environments';
import { formatProblems } from './config/load';
import { buildApp } from './stacks/app';

const { version } = JSON.parse(readFileSync(join(__dirname, 'package.json'), 'utf8')) as { version: string };
const { app, problems } = buildApp({ environments: ENVIRONMENTS, version });

app.synth();

if (problems.length > 0) {
  const failed = [...new Set(problems.map((p) => p.environment))];
  process.stderr.write(
    `Configuration errors; nothing was synthesized for ${failed.join(', ')}:\n${formatProblems(problems)}\n`,
  );
  process.exitCode = 1;
}
