/**
 * The AWS region list (domain/aws.ts) comes from the provider, not from memory (issue 13): where a mirror of
 * hashicorp/aws 5.100.0 is on the machine, its binary must embed the aws-sdk-go-base version the list
 * cites and name every listed region; elsewhere the test says why it skipped.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { AWS_REGIONS } from '../domain/aws';
import { AWS_PROVIDER_VERSION, findMirror } from './support/terraform';
import { formatProblems } from '../config/load';
import { configFor, problemsOf } from './support/configs';

const SOURCE = 'aws-sdk-go-base/v2@v2.0.0-beta.65/endpoints/endpoints_gen.go';
/** A region that does not exist: the search must not find it, or it proves nothing. */
const NOWHERE = 'eu-nowhere-7';
const mirror = findMirror();
const binary =
  mirror &&
  join(
    mirror,
    'registry.terraform.io/hashicorp/aws',
    AWS_PROVIDER_VERSION,
    'linux_amd64',
    `terraform-provider-aws_v${AWS_PROVIDER_VERSION}_x5`,
  );

describe('GIVEN the provider binary of hashicorp/aws', () => {
  const found = new Set<string>();
  beforeAll(() => {
    if (!binary || process.platform !== 'linux' || process.arch !== 'x64') return;
    // One pass over the 700 MB binary: every pattern that occurs, once.
    const patterns = [SOURCE, NOWHERE, ...AWS_REGIONS].flatMap((p) => ['-e', p]);
    const r = spawnSync('grep', ['-a', '-o', '-F', ...patterns, binary], { encoding: 'utf8', maxBuffer: 1 << 26 });
    r.stdout.split('\n').forEach((m) => found.add(m));
  });

  test('every listed region is in the endpoints data the provider validates region against', () => {
    if (found.size === 0) {
      console.warn(`skipped: no hashicorp/aws ${AWS_PROVIDER_VERSION} linux_amd64 binary in a mirror here`);
      return;
    }
    expect(found.has(SOURCE)).toBe(true);
    expect(found.has(NOWHERE)).toBe(false);
    expect(AWS_REGIONS.filter((r) => !found.has(r))).toEqual([]);
  });
});

describe('GIVEN a region outside the list', () => {
  test.each(['cn-north-1', 'us-iso-east-1', 'eu-west-9', 'EU-WEST-1'])('fails for %s, naming what is allowed', (r) => {
    const out = formatProblems(
      problemsOf(
        'dev',
        configFor('dev', (c) => (c.aws.region = r)),
      ),
    );
    expect(out).toContain(`[dev] aws.region = "${r}": no such AWS region; allowed: af-south-1, ap-east-1,`);
  });
});
