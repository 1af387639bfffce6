/**
 * The constructs form a library usable without this project's config: its index loads only constructs/
 * and domain/ modules, none reads the environment or names one, and every prop is documented (optional
 * ones with the default they take, STYLE.md).
 */
import * as ts from 'typescript';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import * as lib from '../../constructs';

const ROOT = resolve(__dirname, '..', '..');
const CONSTRUCTS = join(ROOT, 'constructs');

const tsFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
const parse = (file: string) => ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);

/** Relative module specifiers a file imports or re-exports. */
const relativeImports = (sf: ts.SourceFile): string[] =>
  sf.statements
    .filter(
      (s): s is ts.ImportDeclaration | ts.ExportDeclaration => ts.isImportDeclaration(s) || ts.isExportDeclaration(s),
    )
    .map((s) => s.moduleSpecifier)
    .filter((m): m is ts.StringLiteral => m !== undefined && ts.isStringLiteral(m) && m.text.startsWith('.'))
    .map((m) => m.text);

/** Every project file the index loads, following relative imports. */
function importClosure(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of relativeImports(parse(file))) {
      const base = resolve(dirname(file), spec);
      const target = [`${base}.ts`, join(base, 'index.ts')].find((f) => existsSync(f));
      if (target) visit(target);
    }
  };
  visit(entry);
  return [...seen].map((f) => relative(ROOT, f)).sort();
}

/** Props of construct files (files that import 'constructs') lacking a doc comment or, if optional, an @default. */
function undocumentedProps(): string[] {
  const missing: string[] = [];
  for (const file of tsFiles(CONSTRUCTS)) {
    const sf = parse(file);
    if (
      !sf.statements.some(
        (s) => ts.isImportDeclaration(s) && (s.moduleSpecifier as ts.StringLiteral).text === 'constructs',
      )
    ) {
      continue;
    }
    for (const decl of sf.statements.filter(ts.isInterfaceDeclaration)) {
      for (const member of decl.members.filter(ts.isPropertySignature)) {
        const docs = ts
          .getJSDocCommentsAndTags(member)
          .map((d) => d.getText())
          .join('\n');
        const where = `${relative(ROOT, file)} ${decl.name.text}.${member.name.getText()}`;
        if (!docs) missing.push(`${where}: no doc comment`);
        else if (member.questionToken && !docs.includes('@default'))
          missing.push(`${where}: optional without @default`);
      }
    }
  }
  return missing;
}

describe('constructs as a library', () => {
  let closure: string[];
  beforeAll(() => {
    closure = importClosure(join(CONSTRUCTS, 'index.ts'));
  });

  test('GIVEN constructs/index.ts THEN it loads only constructs/ and domain/ modules (no config, no stacks)', () => {
    expect(closure).toEqual(
      expect.arrayContaining(['constructs/aws/jwt-http-api.ts', 'constructs/okta/mfa-rollout.ts']),
    );
    expect(closure.filter((f) => !f.startsWith('constructs/') && !f.startsWith('domain/'))).toEqual([]);
  });

  test('GIVEN the modules the index loads THEN none reads process.env or names an environment', () => {
    const offending = closure.filter((f) => {
      const text = readFileSync(join(ROOT, f), 'utf8');
      return /process\.env/.test(text) || /['"`](dev|staging|prod)['"`]/.test(text);
    });
    expect(offending).toEqual([]);
  });

  test('GIVEN the index THEN it exports the constructs', () => {
    for (const name of [
      'JwtHttpApi',
      'AuditTrail',
      'HandlerFunction',
      'OktaGroups',
      'OktaAppIntegration',
      'OktaAuthorizationServer',
      'OktaMfaRollout',
      'OktaEventBridgeLogStream',
    ]) {
      expect(typeof (lib as Record<string, unknown>)[name]).toBe('function');
    }
  });

  test('GIVEN every props interface of a construct THEN each prop has a doc and each optional one an @default', () => {
    expect(undocumentedProps()).toEqual([]);
  });
});
