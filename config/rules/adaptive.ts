/**
 * Rules of the adaptive fields of identity.mfa (config/adaptive.ts): each platform has only the options its
 * okta_policy_device_assurance_<platform> resource has, a behaviour is either fully defined for its type or
 * only named (looked up), and behaviour names are unique. The first two are shared with the constructs
 * (domain/okta/adaptive-rules.ts); the tiers' device and risk rules are in mfa-rollout.ts.
 */
import { behaviorProblems, deviceAssuranceProblems } from '../../domain/okta/adaptive-rules';
import type { EnvironmentConfig } from '../schema';
import { reportUnder, type Path, type Report } from './rule';
import { managed } from './identity';

const MP: Path = ['identity', 'mfa'];

export function adaptiveRules(c: EnvironmentConfig, report: Report): void {
  const mfa = managed(c)?.mfa;
  if (!mfa) return;
  for (const [key, policy] of Object.entries(mfa.deviceAssurance))
    reportUnder(report, [...MP, 'deviceAssurance', key], deviceAssuranceProblems(policy));
  const names = new Map<string, string>();
  for (const [key, b] of Object.entries(mfa.behaviors)) {
    const p: Path = [...MP, 'behaviors', key];
    reportUnder(report, p, behaviorProblems(b));
    const seen = names.get(b.name);
    if (seen) report([...p, 'name'], `behaviour '${seen}' has this name already; names are unique in Okta`);
    names.set(b.name, key);
  }
}
