/**
 * The cdktf app: one IdentityGatewayStack per environment (identity-gateway-dev|staging|prod).
 * `npm run synth` and `cdktf synth|diff|deploy` both run this file.
 */
import { ENVIRONMENTS } from './config/environments';
import { formatProblems } from './config/load';
import { buildApp, synthesizeApp } from './stacks/app';
import { releaseVersion } from './release/version';
import { explainSpawnError } from './domain/missing-tool';
import { runCommand, UsageError, type Command, type Io } from './domain/cli';
import { readImportsFile } from './config/imports';

const USAGE =
  'usage: npm run synth\n' +
  '  synthesizes every environment of config/environments/ into CDKTF_OUTDIR (default cdktf.out); no arguments';

/** A failure that ends the synth with exit 1, its message already printed. */
class Failed extends Error {}

// The release version of this commit (release/version.ts): tags, the stack_version output, Okta's description.
function versionOrFail(io: Io): string {
  try {
    return releaseVersion(__dirname).version;
  } catch (e) {
    const why = explainSpawnError(e, 'the release version is read from git tags').message;
    io.err(`Release version: ${why}; nothing was synthesized\n`);
    throw new Failed(why);
  }
}

function attempt<T>(io: Io, f: () => T): T {
  try {
    return f();
  } catch (e) {
    io.err(`Synthesis failed: ${(e as Error).message}\n`);
    throw new Failed((e as Error).message);
  }
}

function synth(argv: readonly string[], io: Io): number {
  // `npm run synth` and `cdktf synth` take no arguments here: refuse any rather than ignore it.
  if (argv.length > 0) {
    throw new UsageError(
      `unknown argument ${argv[0]}: npm run synth takes no arguments (environments come from config/environments.ts;` +
        ' the output directory from CDKTF_OUTDIR); nothing was synthesized',
    );
  }
  const version = versionOrFail(io);
  // Existing objects each environment adopts (config/imports/<env>.json): a file that does not parse, or an
  // address the stack does not have, is bad input: that environment is not synthesized and synth exits 2.
  const importFiles = Object.keys(ENVIRONMENTS).map((env) => [env, readImportsFile(__dirname, env)] as const);
  const imports = Object.fromEntries(importFiles.map(([env, parsed]) => [env, parsed.imports]));
  const unreadableImports = importFiles.flatMap(([, parsed]) => parsed.problems);
  const environments = Object.fromEntries(
    Object.entries(ENVIRONMENTS).filter(([env]) => !unreadableImports.some((p) => p.environment === env)),
  );
  const built = attempt(io, () => buildApp({ environments, version, staged: true, imports }));
  const { app, stacks, configs, warnings, outdir } = built;
  const problems = [...built.problems];
  // Each stack is checked as cdktf wrote it, before it reaches the output: one that would lock a group out is
  // refused as a config problem, one with an unsuppressed guardrail error is not published (warnings only print).
  const written = attempt(io, () =>
    synthesizeApp(
      app,
      Object.values(stacks).map((s) => s.node.id),
      outdir,
      { configs, guardrails: true },
    ),
  );
  problems.push(...written.problems);
  let code = 0;
  const guardrails = written.guardrails!;
  if (guardrails.output) io.err(guardrails.output);
  if (guardrails.failed) code = 1;
  if (guardrails.failedStacks.length > 0)
    io.err(`Nothing was left to deploy for ${guardrails.failedStacks.join(', ')} (guardrail errors).\n`);
  if (warnings.length > 0) io.err(`Configuration warnings (synthesized anyway):\n${formatProblems(warnings)}\n`);
  if (problems.length > 0) {
    const failed = [...new Set(problems.map((p) => p.environment))];
    io.err(`Configuration errors; nothing was synthesized for ${failed.join(', ')}:\n${formatProblems(problems)}\n`);
    code = 1;
  }
  const importProblems = [...unreadableImports, ...built.importProblems];
  if (importProblems.length > 0) {
    const failed = [...new Set(importProblems.map((p) => p.environment))];
    io.err(
      `Import errors (config/imports/); nothing was synthesized for ${failed.join(', ')}:\n` +
        `${formatProblems(importProblems)}\n`,
    );
    code = 2;
  }
  return code;
}

/** `npm run synth` (and the app cdktf runs). */
export const cli: Command = {
  name: 'synth',
  usage: USAGE,
  run: (argv, io) => {
    try {
      return synth(argv, io);
    } catch (e) {
      if (e instanceof Failed) return 1;
      throw e;
    }
  },
};

if (require.main === module) process.exitCode = runCommand(cli, process.argv.slice(2));
