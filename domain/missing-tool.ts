/**
 * Turns "spawnSync git ENOENT" (a program that is not installed or not on PATH) into a sentence saying
 * which program is missing and what needed it; other errors pass through unchanged.
 */
export function explainSpawnError(e: unknown, purpose: string): Error {
  const err = e as NodeJS.ErrnoException & { path?: string; spawnargs?: string[] };
  if (err?.code !== 'ENOENT' || typeof err.path !== 'string') return e as Error;
  return new Error(`${err.path} is not installed or not on PATH (${purpose}); install it or fix PATH and retry`, {
    cause: e,
  });
}
