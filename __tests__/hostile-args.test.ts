/**
 * Empty argument values, as an unset CI variable gives them (`--fail-on "$GATES"`), are usage errors in
 * every CLI rather than silently meaning "no gate", "the current directory" or "no file".
 */
import { parseArgs as reviewArgs } from '../review/cli';
import { parseArgs as simulateArgs } from '../simulator/cli';
import { parseFlags as releaseFlags } from '../release/cli';

describe('GIVEN an empty or blank argument value', () => {
  test.each([
    ['--fail-on', ['--base-dir', 'x', '--fail-on', '']],
    ['--out', ['--base-dir', 'x', '--out', ' ']],
    ['--base', ['--base', '']],
    ['--head-dir', ['--base-dir', 'x', '--head-dir', '']],
  ])('fails review for an empty %s', (flag, argv) => {
    expect(() => reviewArgs(argv)).toThrow(new RegExp(`^${flag} needs a value$`));
  });

  test('fails review for a --fail-on list that names no gate', () => {
    expect(() => reviewArgs(['--base-dir', 'x', '--fail-on', ', ,'])).toThrow(
      '--fail-on names no gate: allowed weaken, replace, destroy, finding',
    );
  });

  test.each(['--env', '--dir', '--app'])('fails simulate for an empty %s', (flag) => {
    expect(() => simulateArgs([flag, ''])).toThrow(`${flag} needs a value`);
  });

  test('fails release for an empty --env', () => {
    expect(() => releaseFlags(['--env', ''])).toThrow('--env needs a value');
  });
});
