/**
 * A cdktf output directory records the stacks of its last synth in manifest.json. A stack directory it does
 * not list is stale: left by an environment that was dropped (or renamed) since, and never to be checked,
 * reviewed or deployed. `npm run synth` removes such directories; this catches an output directory that
 * was copied, or synthesized by an older commit.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Throws, naming the directory, when `root` (`<dir>/stacks`) holds a stack the manifest does not list. */
export function refuseStaleStacks(dir: string, root: string, stackDirs: readonly string[]): void {
  const file = join(dir, 'manifest.json');
  if (root !== join(dir, 'stacks') || !existsSync(file)) return;
  let listed: readonly string[];
  try {
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as { stacks?: Record<string, unknown> };
    listed = Object.keys(manifest.stacks ?? {});
  } catch (e) {
    throw new Error(`${file}: not a cdktf manifest (${(e as Error).message}); run npm run synth`, { cause: e });
  }
  const stale = stackDirs.filter((d) => !listed.includes(d)).sort();
  if (stale.length > 0) {
    throw new Error(
      `Stack directory ${join(root, stale[0])} is stale: the last synth (${file}) did not produce it, so its ` +
        'environment is no longer configured (dropped from config/environments/index.ts?). ' +
        'Run npm run synth, which removes it',
    );
  }
}
