/** Jest global setup: synthesizes the default environments once per run (see fixture.ts). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE_DIR_VARIABLE, synthesizeFixture } from './fixture';

export default function globalSetup(): void {
  const root = mkdtempSync(join(tmpdir(), 'igw-fixture-'));
  synthesizeFixture(root);
  // Workers start after this and inherit the environment.
  process.env[FIXTURE_DIR_VARIABLE] = root;
}
