/**
 * Adoption: an environment's config/imports/<env>.json (as `npm run preflight -- --write-imports` writes it)
 * parses, refuses a malformed file, id or address, and becomes Terraform `import` blocks in the synthesized
 * JSON (`import: [{ to, id }]`), which the review shows as their own kind of change.
 * That Terraform 1.11 plans such a block as an import is terraform.test.ts's (the AWS half, offline).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseImports, readImportsFile } from '../config/imports';
import { importsFileText } from '../domain/imports';
import { diffStacks } from '../review/diff';
import { buildApp, synthesizeApp } from '../stacks/app';
import { StackModel } from '../synthesized/model';
import { configFor } from './support/configs';
import { synthesizedJson } from './support/fixture';

const work = mkdtempSync(join(tmpdir(), 'imports-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Addresses of dev's synthesized stack (the shared fixture), by type. */
const addressOf = (type: string, index = 0) => `${type}.${Object.keys(synthesizedJson('dev').resource[type])[index]}`;
const GROUP_ID = '00g1emaKYZTWRYYRRTSK';
const APP_ID = '0oa1exampleAPPid0001';

describe('the imports file', () => {
  test('GIVEN what --write-imports writes WHEN it is read THEN it parses to the same imports', () => {
    const imports = [{ to: addressOf('okta_group'), id: GROUP_ID }];
    expect(parseImports('dev', JSON.parse(importsFileText('dev', imports)))).toEqual({ imports, problems: [] });
  });

  test('GIVEN no file WHEN synthesis reads it THEN there is nothing to adopt', () => {
    expect(readImportsFile(work, 'dev')).toEqual({ imports: [], problems: [] });
  });

  test('fails naming the path, value and what is allowed: malformed ids, addresses, fields, duplicates', () => {
    const to = addressOf('okta_group');
    const cases: [unknown, string, RegExp][] = [
      [{ environment: 'dev', imports: [{ to, id: 'not an id' }] }, 'imports[0].id', /allowed the group id, 20 letters/],
      [{ environment: 'dev', imports: [{ to: 'okta_group', id: GROUP_ID }] }, 'imports[0].to', /<type>\.<name>/],
      [{ environment: 'dev', imports: [{ to, id: GROUP_ID, skip: true }] }, 'imports[0].skip', /unknown field/],
      [
        { environment: 'dev', imports: [{ to: 'aws_cloudwatch_log_group.X', id: '${var.name}' }] },
        'imports[0].id',
        /interpolation .* is refused/,
      ],
      [
        {
          environment: 'dev',
          imports: [
            { to, id: GROUP_ID },
            { to, id: '00g1emaKYZTWRYYRRTSQ' },
          ],
        },
        'imports[1].to',
        /imported twice/,
      ],
      [{ environment: 'prod', imports: [] }, 'environment', /names another environment/],
    ];
    for (const [raw, path, why] of cases) {
      const { imports, problems } = parseImports('dev', raw);
      expect(imports).toEqual([]);
      expect(problems).toContainEqual(
        expect.objectContaining({ environment: 'dev', path, message: expect.stringMatching(why) }),
      );
      expect(problems[0].message).toContain('config/imports/dev.json');
    }
  });

  test('fails naming the file when it is not JSON', () => {
    const root = mkdtempSync(join(work, 'root-'));
    mkdirSync(join(root, 'config', 'imports'), { recursive: true });
    writeFileSync(join(root, 'config', 'imports', 'dev.json'), '{"environment": "dev", "imports": [');
    const { problems } = readImportsFile(root, 'dev');
    expect(problems[0].message).toMatch(/^config\/imports\/dev\.json cannot be read: not valid JSON/);
  });
});

describe('import blocks in the synthesized stack', () => {
  let outdir: string;
  let dev: StackModel;
  const groupTo = () => addressOf('okta_group');
  const appTo = () => addressOf('okta_app_oauth');

  beforeAll(() => {
    // GIVEN dev adopting a group and an app (Terraform planning an import block: terraform.test.ts)
    outdir = join(work, 'out');
    const built = buildApp({
      environments: { dev: configFor('dev') },
      version: '0.0.0-test',
      outdir,
      imports: {
        dev: [
          { to: groupTo(), id: GROUP_ID },
          { to: appTo(), id: APP_ID },
        ],
      },
    });
    expect([...built.problems, ...built.importProblems]).toEqual([]);
    synthesizeApp(
      built.app,
      Object.values(built.stacks).map((s) => s.node.id),
      built.outdir,
    );
    dev = StackModel.fromFile(join(outdir, 'stacks', 'identity-gateway-dev', 'cdk.tf.json'), 'identity-gateway-dev');
  });

  test(
    'GIVEN imports WHEN synthesized THEN cdk.tf.json holds one import block each, ' + 'to the resource at that address',
    () => {
      expect(dev.json.import).toEqual([
        { id: GROUP_ID, to: groupTo() },
        { id: APP_ID, to: appTo() },
      ]);
      // The resources themselves are unchanged.
      const before = new StackModel('identity-gateway-dev', synthesizedJson('dev'));
      expect(dev.get(groupTo())!.attrs).toEqual(before.get(groupTo())!.attrs);
    },
  );

  test('GIVEN the base without and the head with imports WHEN reviewed THEN they are changes of kind imported', () => {
    const before = new StackModel('identity-gateway-dev', synthesizedJson('dev'));
    const changes = diffStacks(before, dev).filter((c) => c.kind === 'imported');
    expect(changes.map((c) => c.address).sort()).toEqual([appTo(), groupTo()].sort());
    expect(changes.find((c) => c.address === groupTo())!.subject).toContain(`(existing ${GROUP_ID})`);
    // Nothing else changed: the imports are the whole difference.
    expect(diffStacks(before, dev).filter((c) => c.kind !== 'imported')).toEqual([]);
  });

  test('fails (that environment gets no stack) when an import names an address the stack does not have', () => {
    const out = join(work, 'unknown');
    const built = buildApp({
      environments: { dev: configFor('dev') },
      version: '0.0.0-test',
      outdir: out,
      imports: { dev: [{ to: 'okta_group.Groups_renamed_0000', id: GROUP_ID }] },
    });
    expect(built.stacks).toEqual({});
    expect(built.importProblems).toEqual([
      expect.objectContaining({
        environment: 'dev',
        path: 'imports[0].to',
        received: '"okta_group.Groups_renamed_0000"',
        message: expect.stringMatching(
          /no resource at this address in identity-gateway-dev .*its okta_group resources: okta_group\.Groups_/,
        ),
      }),
    ]);
    synthesizeApp(built.app, [], built.outdir);
    expect(existsSync(join(out, 'stacks', 'identity-gateway-dev'))).toBe(false);
  });
});
