import { Construct } from 'constructs';
import { NetworkZone } from '@cdktf/provider-okta/lib/network-zone';
import type { BlocklistSpec, CorporateZoneSpec } from './spec';

/** Props of the rollout's network zones. */
export interface RolloutNetworkZonesProps {
  /** Corporate egress IP zones by key. */
  readonly corporateZones: Readonly<Record<string, CorporateZoneSpec>>;
  /** Networks every policy denies first. */
  readonly blocklist: BlocklistSpec;
}

/**
 * The rollout's network zones. The blocklist is split by criterion (one zone per kind) so that each zone
 * matches on one condition only; policies list them all, which Okta treats as "any of". Zones with usage
 * POLICY act only where a rule names them: every policy's first rule denies them. Where the blocklist is
 * org-wide, twins with usage BLOCKLIST block the same networks before any policy is evaluated, on every
 * URL of the org; the rules keep naming the POLICY zones, which still deny an address exempted from the
 * blocklist (DefaultExemptIpZone) or a blocklist zone someone deactivated.
 */
export class RolloutNetworkZones extends Construct {
  /** Corporate IP zone ids by key (references). */
  readonly corporateZoneIds: Readonly<Record<string, string>>;
  /** Blocklist zone ids (references): POLICY zones, denied first by every rule list. */
  readonly blocklistZoneIds: readonly string[];
  /** Org-wide blocklist zone ids (usage BLOCKLIST; references), when `blocklist.orgWide`. */
  readonly orgBlocklistZoneIds: readonly string[];

  constructor(scope: Construct, id: string, props: RolloutNetworkZonesProps) {
    super(scope, id);
    const corporate = new Construct(this, 'Corporate');
    const corporateZoneIds: Record<string, string> = {};
    for (const key of Object.keys(props.corporateZones).sort()) {
      const z = props.corporateZones[key];
      corporateZoneIds[key] = new NetworkZone(corporate, key, {
        name: z.name,
        type: 'IP',
        usage: 'POLICY',
        gateways: [...z.gateways],
        status: 'ACTIVE',
      }).id;
    }
    this.corporateZoneIds = corporateZoneIds;
    this.blocklistZoneIds = blocklistZones(new Construct(this, 'Blocklist'), props.blocklist, 'POLICY');
    this.orgBlocklistZoneIds = props.blocklist.orgWide
      ? blocklistZones(new Construct(this, 'OrgBlocklist'), props.blocklist, 'BLOCKLIST')
      : [];
  }
}

/**
 * The blocklist as dynamic zones, one per criterion (countries, anonymizers), with the given usage;
 * returns their ids. BLOCKLIST twins carry "(org-wide)" in their names, which Okta requires to be unique.
 */
function blocklistZones(scope: Construct, spec: BlocklistSpec, usage: 'POLICY' | 'BLOCKLIST'): string[] {
  const suffix = usage === 'BLOCKLIST' ? ' (org-wide)' : '';
  const ids: string[] = [];
  const countries = spec.countries ?? [];
  if (countries.length > 0) {
    ids.push(
      new NetworkZone(scope, 'Locations', {
        name: `Blocked locations${suffix}`,
        type: 'DYNAMIC',
        usage,
        dynamicLocations: [...countries].sort(),
        status: 'ACTIVE',
      }).id,
    );
  }
  const anonymizers = spec.anonymizers ?? 'none';
  if (anonymizers !== 'none') {
    ids.push(
      new NetworkZone(scope, 'Anonymizers', {
        name: `${anonymizers === 'tor' ? 'Blocked Tor exit nodes' : 'Blocked anonymizing proxies'}${suffix}`,
        type: 'DYNAMIC',
        usage,
        dynamicProxyType: anonymizers === 'tor' ? 'TorAnonymizer' : 'Any',
        status: 'ACTIVE',
      }).id,
    );
  }
  return ids;
}
