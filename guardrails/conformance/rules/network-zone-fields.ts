import { defineRule, each } from '../../rule';
import { all, bad, known, list, oneOf } from '../support';
import { countryCodeProblem } from '../../../domain/okta/network-ranges';

const FILE = 'okta/resource_okta_network_zone.go';

export default defineRule({
  id: 'OKC-06',
  name: 'network-zone-fields',
  severity: 'error',
  title: 'okta_network_zone: type, usage, status, proxy type and the fields each zone type takes are valid',
  why:
    'buildNetworkZone sends only the fields of the zone type: gateways on a DYNAMIC zone or locations on an IP ' +
    'zone are silently dropped and read back empty, and Okta rejects unknown types, usages and proxy types.',
  source:
    `${FILE}:28-78 (schema: dynamic_locations, dynamic_proxy_type, gateways, proxies, type, status, usage), ` +
    `:172-236 (buildNetworkZone per type)`,
  fix:
    'IP zones take gateways/proxies; DYNAMIC zones take dynamic_locations (ISO 3166 codes) or ' +
    'dynamic_proxy_type; proxies cannot be set on a BLOCKLIST zone.',
  check: (stack) =>
    each(stack.resources('okta_network_zone'), (z) => {
      const a = z.attrs;
      const ip = a.type === 'IP';
      const dynamic = a.type === 'DYNAMIC' || a.type === 'DYNAMIC_V2';
      const misplaced = (keys: string[], allowedOn: string) =>
        keys
          .filter((k) => list(a[k]).length > 0 || (known(a[k]) && typeof a[k] === 'string'))
          .map((k) => bad(z, k, a[k], `only used by ${allowedOn} zones; ${a.type} zones drop it (${FILE}:172-236)`));
      return all(
        oneOf(z, 'type', a.type, ['IP', 'DYNAMIC', 'DYNAMIC_V2'], `${FILE}:62-66`),
        oneOf(z, 'usage', a.usage, ['POLICY', 'BLOCKLIST'], `${FILE}:73-78`),
        oneOf(z, 'status', a.status, ['ACTIVE', 'INACTIVE'], `${FILE}:67-72`),
        oneOf(
          z,
          'dynamic_proxy_type',
          a.dynamic_proxy_type,
          ['Any', 'TorAnonymizer', 'NotTorAnonymizer'],
          `${FILE}:40-44`,
        ),
        dynamic ? misplaced(['gateways', 'proxies'], 'IP') : [],
        ip ? misplaced(['dynamic_locations', 'dynamic_proxy_type', 'asns'], 'DYNAMIC') : [],
        a.usage === 'BLOCKLIST' && list(a.proxies).length > 0
          ? bad(z, 'proxies', a.proxies, `cannot be set when usage is BLOCKLIST (${FILE}:56-61)`)
          : undefined,
        list(a.dynamic_locations)
          .filter((l) => known(l) && !(typeof l === 'string' && countryCodeProblem(l) === undefined))
          .map((l) => bad(z, 'dynamic_locations', l, `not an ISO 3166-1 code or code-region (${FILE}:28-33)`)),
      );
    }),
});
