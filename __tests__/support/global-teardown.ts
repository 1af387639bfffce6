/** Jest global teardown: removes the directory global-setup.ts synthesized into. */
import { rmSync } from 'node:fs';
import { FIXTURE_DIR_VARIABLE } from './fixture';

export default function globalTeardown(): void {
  const root = process.env[FIXTURE_DIR_VARIABLE];
  if (root) rmSync(root, { recursive: true, force: true });
}
