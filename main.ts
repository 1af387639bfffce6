/**
 * The cdktf app: one IdentityGatewayStack per environment (identity-gateway-dev|staging|prod).
 * `npm run synth` and `cdktf synth|diff|deploy` both run this file.
 */
import { ENVIRONMENTS } from './config/environments';
import { formatProblems } from './config/load';
import { buildApp, synthesizeApp } from './stacks/app';
import { releaseVersion } from './release/version';
import { explainSpawnError } from './domain/missing-tool';

// The release version of this commit (release/version.ts): tags, the stack_version output, Okta's description.
function versionOrExit(): string {
  try {
    return releaseVersion(__dirname).version;
  } catch (e) {
    const why = explainSpawnError(e, 'the release version is read from git tags').message;
    process.stderr.write(`Release version: ${why}; nothing was synthesized\n`);
    process.exit(1);
  }
}
// `npm run synth` and `cdktf synth` take no arguments here: refuse any rather than ignore it.
const args = process.argv.slice(2);
if (args.length > 0) {
  process.stderr.write(
    `unknown argument ${args[0]}: npm run synth takes no arguments (environments come from config/environments.ts;` +
      ' the output directory from CDKTF_OUTDIR); nothing was synthesized\n',
  );
  process.exit(2);
}
const version = versionOrExit();
const built = (() => {
  try {
    return buildApp({ environments: ENVIRONMENTS, version, staged: true });
  } catch (e) {
    process.stderr.write(`Synthesis failed: ${(e as Error).message}\n`);
    process.exit(1);
  }
})();
const { app, stacks, configs, warnings, outdir } = built;
const problems = [...built.problems];

// Each stack is checked as cdktf wrote it, before it reaches the output: one that would lock a group out is
// refused as a config problem, one with an unsuppressed guardrail error is not published (warnings only print).
const written = (() => {
  try {
    return synthesizeApp(
      app,
      Object.values(stacks).map((s) => s.node.id),
      outdir,
      { configs, guardrails: true },
    );
  } catch (e) {
    process.stderr.write(`Synthesis failed: ${(e as Error).message}\n`);
    process.exit(1);
  }
})();
problems.push(...written.problems);

const guardrails = written.guardrails!;
if (guardrails.output) process.stderr.write(guardrails.output);
if (guardrails.failed) process.exitCode = 1;
if (guardrails.failedStacks.length > 0)
  process.stderr.write(`Nothing was left to deploy for ${guardrails.failedStacks.join(', ')} (guardrail errors).\n`);

if (warnings.length > 0) {
  process.stderr.write(`Configuration warnings (synthesized anyway):\n${formatProblems(warnings)}\n`);
}
if (problems.length > 0) {
  const failed = [...new Set(problems.map((p) => p.environment))];
  process.stderr.write(
    `Configuration errors; nothing was synthesized for ${failed.join(', ')}:\n${formatProblems(problems)}\n`,
  );
  process.exitCode = 1;
}
