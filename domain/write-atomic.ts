/**
 * Writes a file atomically: the text goes to a temporary file beside it, which is then renamed over the
 * target, so a reader (or a deploy) never sees a half-written file. The folder is created when missing;
 * on any error the temporary file is removed and the error says which file could not be written. An
 * existing target that is not a regular file (a directory, link, device, pipe) is refused, never replaced.
 */
import { lstatSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export function writeFileAtomic(file: string, text: string): void {
  // A rename would replace a device (/dev/full), a pipe or a link (/dev/stdout) with a regular file: refuse.
  const existing = lstatSync(file, { throwIfNoEntry: false });
  if (existing && !existing.isFile()) {
    throw new Error(
      `cannot write ${file}: it exists and is not a regular file (a directory, link, device, pipe or socket)`,
    );
  }
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
