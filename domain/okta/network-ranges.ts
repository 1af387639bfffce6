/**
 * Validation of the IP gateways an Okta IP network zone accepts: a CIDR block (`203.0.113.0/24`,
 * `2001:db8::/48`) or an inclusive IPv4 range (`198.51.100.16-198.51.100.31`), and the country codes a
 * DYNAMIC zone accepts. Pure functions shared by the config schema, the MFA rollout construct, the
 * conformance rules and the simulator.
 */
import { isIPv4, isIPv6 } from 'node:net';
import { iso3166Problem } from '../countries';

/** An inclusive address interval of one family (IPv4 and IPv6 never overlap each other). */
export interface IpInterval {
  /** 4 or 6. */
  readonly family: 4 | 6;
  /** First address, as a number. */
  readonly start: bigint;
  /** Last address, as a number. */
  readonly end: bigint;
}

/**
 * A location of a DYNAMIC network zone (dynamic_locations): an ISO 3166-1 alpha-2 country, optionally with
 * an ISO 3166-2 region (`KP`, `US-CA`); okta/resource_okta_network_zone.go:28-33.
 */
export const COUNTRY_CODE = /^[A-Z]{2}(-[A-Z0-9]{1,3})?$/;

/**
 * Why `code` is not a zone location, or undefined when it is one: its country part must be an officially
 * assigned ISO 3166-1 alpha-2 code (domain/iso-3166-1.tsv), which Okta checks only at apply.
 */
export function countryCodeProblem(code: string): string | undefined {
  if (!COUNTRY_CODE.test(code))
    return 'allowed: an ISO 3166-1 alpha-2 country code such as KP, optionally with a region (US-CA)';
  return iso3166Problem(code.slice(0, 2));
}

const ALLOWED = 'a CIDR block (203.0.113.0/24, 2001:db8::/48) or an IPv4 range (198.51.100.16-198.51.100.31)';

/** Why `value` is not a usable zone gateway, or undefined when it is fine. */
export function ipRangeProblem(value: string): string | undefined {
  if (value.includes('-')) {
    const [start, end, ...rest] = value.split('-');
    if (rest.length > 0 || !isIPv4(start) || !isIPv4(end)) return `not a valid range; use ${ALLOWED}`;
    if (ipv4ToNumber(start) > ipv4ToNumber(end)) return `the range starts after it ends; use ${ALLOWED}`;
    return privateIpv4Problem(start) ?? privateIpv4Problem(end);
  }
  const slash = value.split('/');
  if (slash.length !== 2 || !/^\d{1,3}$/.test(slash[1])) return `not a valid CIDR block; use ${ALLOWED}`;
  const [address, prefixText] = slash;
  const prefix = Number(prefixText);
  if (isIPv4(address)) {
    if (prefix < 8 || prefix > 32)
      return 'an IPv4 prefix from /8 to /32 (a shorter prefix would trust a large part of the internet)';
    return hostBitsProblem(BigInt(ipv4ToNumber(address)), 32, prefix, address) ?? privateIpv4Problem(address);
  }
  if (isIPv6(address)) {
    if (prefix < 16 || prefix > 128) return 'an IPv6 prefix from /16 to /128';
    return hostBitsProblem(ipv6ToNumber(address), 128, prefix, address) ?? privateIpv6Problem(address);
  }
  return `not a valid IP address in a CIDR block; use ${ALLOWED}`;
}

function hostBitsProblem(address: bigint, bits: number, prefix: number, text: string): string | undefined {
  const hostBits = BigInt(bits - prefix);
  return address % 2n ** hostBits === 0n
    ? undefined
    : `host bits are set: the network address of this /${prefix} differs from ${text}`;
}

function ipv4ToNumber(ip: string): number {
  return ip.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
}

/** The 128-bit value of a valid IPv6 address (`::` expanded, a trailing dotted IPv4 part included). */
function ipv6ToNumber(ip: string): bigint {
  const withoutZone = ip.split('%')[0];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(withoutZone);
  const hex = dotted
    ? withoutZone.slice(0, dotted.index) +
      [ipv4ToNumber(dotted[1]) >>> 16, ipv4ToNumber(dotted[1]) & 0xffff].map((n) => n.toString(16)).join(':')
    : withoutZone;
  const [head, tail] = hex.split('::');
  const groups = (s: string | undefined) => (s ? s.split(':') : []);
  const missing = 8 - groups(head).length - groups(tail).length;
  const all = tail === undefined ? groups(head) : [...groups(head), ...Array(missing).fill('0'), ...groups(tail)];
  return all.reduce((n, g) => n * 65536n + BigInt(parseInt(g, 16)), 0n);
}

const PRIVATE_MESSAGE = 'is a private, loopback or link-local address; Okta sees your public egress address';

/** Okta sees the public egress address of a request; private and loopback addresses never match. */
function privateIpv4Problem(ip: string): string | undefined {
  const [a, b] = ip.split('.').map(Number);
  const isPrivate =
    a === 10 ||
    a === 127 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254) ||
    a === 0;
  return isPrivate ? `${ip} ${PRIVATE_MESSAGE}` : undefined;
}

/** IPv6 blocks that are never a public egress address (RFC 4291, RFC 4193), and IPv4-mapped addresses. */
const NON_PUBLIC_IPV6: readonly { readonly prefix: string; readonly bits: number; readonly what: string }[] = [
  { prefix: '::', bits: 127, what: 'the unspecified or loopback address (::/127)' },
  { prefix: 'fe80::', bits: 10, what: 'link-local (fe80::/10)' },
  { prefix: 'fc00::', bits: 7, what: 'unique local (fc00::/7)' },
  { prefix: '::ffff:0:0', bits: 96, what: 'IPv4-mapped (::ffff:0:0/96): write the IPv4 form' },
];

function privateIpv6Problem(ip: string): string | undefined {
  const value = ipv6ToNumber(ip);
  const hit = NON_PUBLIC_IPV6.find(
    ({ prefix, bits }) => value >> BigInt(128 - bits) === ipv6ToNumber(prefix) >> BigInt(128 - bits),
  );
  return hit ? `${ip} is ${hit.what}, not a public address; Okta sees your public egress address` : undefined;
}

/** The inclusive interval `value` covers (CIDR block or IPv4 range), or undefined for bad input. */
export function ipInterval(value: string): IpInterval | undefined {
  if (ipRangeProblem(value) !== undefined) return undefined;
  if (value.includes('-')) {
    const [start, end] = value.split('-');
    return { family: 4, start: BigInt(ipv4ToNumber(start)), end: BigInt(ipv4ToNumber(end)) };
  }
  const [address, prefix] = value.split('/');
  const family = isIPv4(address) ? 4 : 6;
  const bits = family === 4 ? 32 : 128;
  const start = family === 4 ? BigInt(ipv4ToNumber(address)) : ipv6ToNumber(address);
  return { family, start, end: start + 2n ** BigInt(bits - Number(prefix)) - 1n };
}

/** Whether two intervals share an address. */
export function intervalsOverlap(a: IpInterval, b: IpInterval): boolean {
  return a.family === b.family && a.start <= b.end && b.start <= a.end;
}
