/**
 * Writes a file atomically: the text goes to a temporary file beside it, which is then renamed over the
 * target, so a reader (or a deploy) never sees a half-written file. The folder is created when missing;
 * on any error the temporary file is removed and the error says which file could not be written.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export function writeFileAtomic(file: string, text: string): void {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temp, text);
    renameSync(temp, file);
  } catch (e) {
    rmSync(temp, { force: true });
    throw new Error(`cannot write ${file}: ${(e as Error).message}`, { cause: e });
  }
}
