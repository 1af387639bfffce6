/**
 * The parts of a URL that a browser, Okta or AWS reads differently from the way the text reads, or refuses
 * only at apply: the host (RFC 1123 section 2.1 and RFC 1035 section 2.3.4 for names, RFC 3986 section 3.2.2
 * for IP literals), the port (RFC 3986 section 3.2.3; TCP ports 1-65535, RFC 6335 section 6), and path segments
 * that clients and the gateway normalise away ('.', '..' and empty segments, RFC 3986 section 5.2.4 and 6.2.2).
 * Shared by the config rules (every URL-shaped value of a config), the origin rules and the route rules.
 */
import { isIPv4, isIPv6 } from 'node:net';

/** `scheme://authority...`: a URL with an authority (a host). Custom schemes (`api://acme`) included. */
const WITH_AUTHORITY = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)/i;
/** Ports a scheme uses when none is written (what a browser leaves out of an Origin header). */
const DEFAULT_PORTS: Readonly<Record<string, string>> = { https: '443', http: '80' };

/** A DNS name as RFC 1123 allows it: labels of 1-63 letters, digits and '-', no '-' first or last, 253 at most. */
function hostNameProblem(host: string): string | undefined {
  if (host.length > 253) return `the host name has ${host.length} characters; a DNS name has at most 253`;
  if (host.endsWith('.'))
    return 'the host name ends in a dot: a browser treats it as another origin and TLS certificates do not cover it';
  const labels = host.split('.');
  for (const label of labels) {
    if (label === '') return 'the host name has an empty label (two dots in a row, or a leading dot)';
    if (label.length > 63) return `the host label '${label.slice(0, 20)}...' is over 63 characters`;
    if (!/^[a-z0-9-]+$/i.test(label)) return `the host label '${label}' has characters a DNS name cannot have`;
    if (label.startsWith('-') || label.endsWith('-')) return `the host label '${label}' starts or ends with '-'`;
  }
  if (/^\d+$/.test(labels[labels.length - 1]))
    return 'the host looks like an IPv4 address but is not one (four numbers 0-255) and a name cannot end in digits';
  return undefined;
}

/**
 * Why the authority (host and port) of a URL is unusable, or undefined when it is fine or `url` has no
 * authority (`com.example.app:/callback`, plain text). `origin`: the value is compared as a browser origin, so
 * a written default port (`https://x:443`) never matches what the browser sends.
 */
export function urlAuthorityProblem(url: string, options: { readonly origin?: boolean } = {}): string | undefined {
  const m = WITH_AUTHORITY.exec(url);
  if (!m) return undefined;
  const scheme = m[1].toLowerCase();
  const authority = m[2].slice(m[2].lastIndexOf('@') + 1);
  const ipv6 = /^\[([^\]]*)\](.*)$/.exec(authority);
  const host = ipv6 ? ipv6[1] : authority.replace(/:[^:]*$/, '');
  const rest = ipv6 ? ipv6[2] : authority.slice(host.length);
  if (host === '') return 'the URL has no host';
  if (ipv6 && !isIPv6(host)) return `[${host}] is not an IPv6 address`;
  if (!ipv6 && /^[\d.]+$/.test(host) && !isIPv4(host))
    return `${host} is not an IPv4 address (four numbers 0-255): fix it or use a host name`;
  if (!ipv6 && !isIPv4(host)) {
    const why = hostNameProblem(host);
    if (why) return why;
  }
  if (rest !== '') {
    const port = rest.slice(1);
    if (!/^\d+$/.test(port)) return `the port '${port}' is not a number; allowed: 1 to 65535, or none`;
    const n = Number(port);
    if (n < 1 || n > 65535) return `the port ${port} does not exist; allowed: 1 to 65535`;
    if (options.origin && DEFAULT_PORTS[scheme] === String(n))
      return (
        `:${n} is ${scheme}'s default port, which a browser leaves out of the Origin it sends, so this origin ` +
        `never matches: write it without the port`
      );
  }
  return undefined;
}

/** Why a path has segments that clients or the gateway normalise away ('.', '..', empty), or undefined. */
export function pathSegmentProblem(path: string): string | undefined {
  const segments = path.split('/').slice(1);
  if (segments.some((s) => s === '.' || s === '..'))
    return (
      "the path has a '.' or '..' segment, which clients and the gateway resolve away (RFC 3986 section 5.2.4): " +
      'the request never arrives with this path; write the path it resolves to'
    );
  if (segments.slice(0, -1).some((s) => s === ''))
    return 'the path has an empty segment (//), which proxies and clients collapse: write each segment once';
  return undefined;
}

/** The path of a URL with an authority (what follows the host and port), or undefined for any other value. */
export function urlPath(url: string): string | undefined {
  return WITH_AUTHORITY.exec(url)?.[3];
}
