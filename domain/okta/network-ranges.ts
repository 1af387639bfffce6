/**
 * Validation of the IP gateways an Okta IP network zone accepts: a CIDR block (`203.0.113.0/24`,
 * `2001:db8::/48`) or an inclusive IPv4 range (`198.51.100.16-198.51.100.31`). Pure functions shared by
 * the config schema and the MFA rollout construct.
 */
import { isIPv4, isIPv6 } from 'node:net';

/** Why `value` is not a usable zone gateway, or undefined when it is fine. */
export function ipRangeProblem(value: string): string | undefined {
  const allowed = 'a CIDR block (203.0.113.0/24, 2001:db8::/48) or an IPv4 range (198.51.100.16-198.51.100.31)';
  if (value.includes('-')) {
    const [start, end, ...rest] = value.split('-');
    if (rest.length > 0 || !isIPv4(start) || !isIPv4(end)) return `not a valid range; use ${allowed}`;
    if (ipv4ToNumber(start) > ipv4ToNumber(end)) return `the range starts after it ends; use ${allowed}`;
    return privateProblem(start) ?? privateProblem(end);
  }
  const slash = value.split('/');
  if (slash.length !== 2 || !/^\d{1,3}$/.test(slash[1])) return `not a valid CIDR block; use ${allowed}`;
  const [address, prefixText] = slash;
  const prefix = Number(prefixText);
  if (isIPv4(address)) {
    if (prefix < 8 || prefix > 32)
      return 'an IPv4 prefix from /8 to /32 (a shorter prefix would trust a large part of the internet)';
    const hostBits = 32 - prefix;
    if (hostBits > 0 && ipv4ToNumber(address) % 2 ** hostBits !== 0)
      return `host bits are set: the network address of this /${prefix} differs from ${address}`;
    return privateProblem(address);
  }
  if (isIPv6(address)) {
    if (prefix < 16 || prefix > 128) return 'an IPv6 prefix from /16 to /128';
    return undefined;
  }
  return `not a valid IP address in a CIDR block; use ${allowed}`;
}

function ipv4ToNumber(ip: string): number {
  return ip.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
}

/** Okta sees the public egress address of a request; private and loopback addresses never match. */
function privateProblem(ip: string): string | undefined {
  const [a, b] = ip.split('.').map(Number);
  const isPrivate =
    a === 10 ||
    a === 127 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254) ||
    a === 0;
  return isPrivate
    ? `${ip} is a private, loopback or link-local address; Okta sees your public egress address`
    : undefined;
}

/** The inclusive IPv4 interval `value` covers (CIDR block or range), or undefined for IPv6 or bad input. */
export function ipv4Interval(value: string): readonly [number, number] | undefined {
  if (ipRangeProblem(value) !== undefined) return undefined;
  if (value.includes('-')) {
    const [start, end] = value.split('-');
    return [ipv4ToNumber(start), ipv4ToNumber(end)];
  }
  const [address, prefix] = value.split('/');
  if (!isIPv4(address)) return undefined;
  const start = ipv4ToNumber(address);
  return [start, start + 2 ** (32 - Number(prefix)) - 1];
}
