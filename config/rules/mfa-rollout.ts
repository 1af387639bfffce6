/**
 * The MFA rollout (identity.mfa): waves and phase, authenticators, the global session, the blocklist,
 * the tiers' devices and risk rules, and the password policy's guidance (a short minimum length needs a
 * reason). The rules the OktaMfaRollout construct shares are in domain/okta/rollout-rules.ts and
 * password-policy.ts, called here with config paths; the ones about an environment (prod allows
 * no phone, prod blocks on ThreatInsight) are the config's own.
 */
import {
  authenticatorProblems,
  blocklistProblems,
  highRiskProblems,
  rolloutPlanProblems,
  sessionProblems,
  tierDeviceProblems,
} from '../../domain/okta/rollout-rules';
import { passwordGuidanceProblems } from '../../domain/okta/password-policy';
import type { EnvironmentConfig } from '../schema';
import { reportUnder, type Path, type Report } from './rule';
import { groupKeysOf, managed } from './identity';

const MP: Path = ['identity', 'mfa'];

export function mfaRolloutRules(c: EnvironmentConfig, report: Report): void {
  const id = managed(c);
  const mfa = id?.mfa;
  if (!id || !mfa) return;
  const isProd = c.environment === 'prod';
  reportUnder(report, [...MP, 'rollout'], rolloutPlanProblems(mfa.rollout, groupKeysOf(id)));
  const auth = mfa.authenticators;
  reportUnder(report, [...MP, 'authenticators'], authenticatorProblems(auth));
  if (isProd && auth.phone && auth.phone.enrollment !== 'NOT_ALLOWED') {
    report(
      [...MP, 'authenticators', 'phone', 'enrollment'],
      'phone (SMS / voice) is phishable and SIM-swappable and is not allowed in prod; allowed: NOT_ALLOWED',
    );
  }
  reportUnder(report, [...MP, 'globalSession'], sessionProblems(mfa.globalSession));
  reportUnder(report, [...MP, 'networkZones', 'blocklist'], blocklistProblems(mfa.networkZones.blocklist));
  if (isProd && mfa.threatInsight && mfa.threatInsight.action !== 'block') {
    report(
      [...MP, 'threatInsight', 'action'],
      'prod blocks requests from suspicious IPs; allowed: block (or omit threatInsight to leave it unmanaged)',
    );
  }
  const devices = { deviceManagement: mfa.deviceManagement, deviceAssuranceKeys: Object.keys(mfa.deviceAssurance) };
  reportUnder(report, [...MP, 'tiers'], tierDeviceProblems(mfa.tiers, devices));
  reportUnder(report, [...MP, 'risk'], highRiskProblems(mfa.risk, c.okta.riskScoring));
  reportUnder(report, [...MP, 'passwordPolicy'], passwordGuidanceProblems(mfa.passwordPolicy));
}
