/**
 * Hostile input in the review comment: user-controlled values (an app label, a redirect URI) carrying
 * markdown, HTML, links and mentions, and a credential-looking literal flagged by a guardrail.
 */
import { renderMarkdown } from '../review/markdown';
import { reviewStack } from '../review/review';
import { StackModel } from '../synthesized/model';
import { mdSentence, mdText } from '../review/escape';
import { synthesizedJson } from './support/fixture';

const HOSTILE = 'Portal\n## Approved ✅ [x](http://evil) <img src=x> @org/team | ![i](http://evil/i.png)';
// Built at run time so the repository holds no credential-looking literal (the guardrails' own pattern).
const AWS_KEY = ['AKIA', 'ABCDEFGHIJKLMNOP'].join('');

type Json = Record<string, any>;
const stackName = 'identity-gateway-dev';

/** The dev stack with its first OAuth app relabelled and given one more redirect URI. */
function withApp(label: string, redirect: string): StackModel {
  const json: Json = synthesizedJson('dev');
  const apps: Json = json.resource.okta_app_oauth;
  const first = apps[Object.keys(apps).sort()[0]];
  first.label = label;
  first.redirect_uris = [...(first.redirect_uris ?? []), redirect];
  return new StackModel(stackName, json);
}

/** What makes up a comment's structure: headings, table shapes, list items, details blocks. */
function structure(markdown: string): string[] {
  return markdown.split('\n').map((line) => {
    if (/^#+ /.test(line)) return line;
    if (/^\|/.test(line)) return `table:${(line.match(/(?<!\\)\|/g) ?? []).length}`;
    if (/^- /.test(line)) return 'item';
    if (/^<\/?details/.test(line)) return line.replace(/<b>.*<\/b>/, '<b/>').replace(/:.*$/, '');
    return line === '' ? '' : 'text';
  });
}

describe('review comment with hostile values', () => {
  let benign: string;
  let hostile: string;
  beforeAll(() => {
    const base = new StackModel(stackName, synthesizedJson('dev'));
    const render = (label: string, redirect: string) =>
      renderMarkdown({ base: 'base', head: 'head', stacks: [reviewStack(base, withApp(label, redirect))] });
    const redirect = `https://user:${AWS_KEY}@evil.example.com/cb`;
    benign = render('Portal plain label text here', redirect);
    hostile = render(HOSTILE, redirect);
  });

  test(
    'GIVEN a label with a newline, a heading, a link, an image, ' +
      'HTML and a mention WHEN rendered THEN the structure is unchanged',
    () => {
      expect(hostile).toContain('Approved'); // the value is shown ...
      expect(structure(hostile)).toEqual(structure(benign)); // ... but makes no heading, table cell or item
      // Outside code spans (inert in GitHub markdown), no markdown trigger survives unescaped.
      const prose = hostile.replace(/`[^`\n]*`/g, '``');
      expect(prose).not.toMatch(/^#+ .*Approved/m);
      expect(prose).not.toMatch(/(?<!\\)\[x\]\(/);
      expect(prose).not.toMatch(/(?<!\\)!\[i\]/);
      expect(prose).not.toMatch(/(?<!\\)<img/);
      expect(prose).not.toMatch(/@org/);
      expect(prose).not.toMatch(/http:\/\/evil/);
      expect(prose).toContain('@&#8203;org/team');
    },
  );

  test(
    'GIVEN a credential inside a URL WHEN rendered THEN ' + 'the value is masked everywhere and its kind is named',
    () => {
      expect(hostile).not.toContain(AWS_KEY);
      expect(hostile).not.toContain('user:');
      expect(hostile).toContain('masked');
    },
  );

  test('GIVEN text with every markdown trigger WHEN escaped THEN it stays one inert line', () => {
    expect(mdText('a\r\nb\u2028c')).toBe('a b c');
    expect(mdText('[x](y) <b> @team www.x.org')).toBe('\\[x\\](y) \\<b> @&#8203;team www&#8203;.x.org');
    expect(mdSentence('App "`x`\n# h" may use `a|b`')).toBe('App "`x` \\# h" may use `a\\|b`');
  });
});
