/**
 * Network zones against careless input (issue 13): IPv6 blocks get the same checks as IPv4 ones (overlap in
 * one zone, host bits, addresses Okta never sees as a request's origin).
 */
import { formatProblems } from '../config/load';
import { intervalsOverlap, ipInterval, ipRangeProblem } from '../domain/okta/network-ranges';
import { configFor, problemsOf } from './support/configs';

const withGateways = (...gateways: string[]) =>
  formatProblems(
    problemsOf(
      'prod',
      configFor('prod', (c) => (c.identity.mfa.networkZones.corporate.hq.gateways = gateways)),
    ),
  );
const at = (i: number, v: string) => `[prod] identity.mfa.networkZones.corporate.hq.gateways[${i}] = "${v}": `;

describe('GIVEN IPv6 blocks in a corporate network zone', () => {
  test.each([
    ['2001:db8::/48', '2001:db8:0:ff::/64'],
    ['2001:db8:1::/48', '2001:db8:1:0:0:0:0:1/128'],
    ['2001:db8::/32', '2001:db8:ffff::/48'],
  ])('fails for %s and %s, which overlap', (a, b) => {
    expect(withGateways(a, b)).toBe(`${at(1, b)}overlaps ${a} of the same zone: list each address once`);
  });

  test('accepts adjacent IPv6 blocks and an IPv4 block beside an IPv6 one', () => {
    expect(withGateways('2001:db8::/48', '2001:db8:1::/48', '203.0.113.0/24')).toBe('');
  });

  test('fails for an IPv6 block with host bits set, as for IPv4', () => {
    expect(withGateways('2001:db8::1/48')).toBe(
      `${at(0, '2001:db8::1/48')}host bits are set: the network address of this /48 differs from 2001:db8::1`,
    );
  });

  test.each([
    ['::1/128', 'the unspecified or loopback address (::/127)'],
    ['fe80::/64', 'link-local (fe80::/10)'],
    ['fd00:1234::/32', 'unique local (fc00::/7)'],
    ['::ffff:203.0.113.0/120', 'IPv4-mapped (::ffff:0:0/96): write the IPv4 form'],
  ])('fails for %s, which is never a public egress address', (v, what) => {
    expect(withGateways(v)).toBe(
      `${at(0, v)}${v.split('/')[0]} is ${what}, not a public address; Okta sees your public egress address`,
    );
  });
});

describe('GIVEN the interval helpers', () => {
  test('an IPv6 block covers 2^(128 - prefix) addresses and never overlaps an IPv4 interval', () => {
    const v6 = ipInterval('2001:db8::/126')!;
    expect(v6.end - v6.start).toBe(3n);
    expect(ipInterval('::ffff:0:0/112')).toBeUndefined();
    // Numerically equal to 203.0.113.0/24, but another family.
    const sameNumbers = ipInterval('::cb00:7100/120')!;
    expect(intervalsOverlap(sameNumbers, ipInterval('203.0.113.0/24')!)).toBe(false);
    expect(intervalsOverlap(sameNumbers, ipInterval('::cb00:71ff/128')!)).toBe(true);
    expect(ipRangeProblem('2001:db8::/48')).toBeUndefined();
  });
});
