/** Consent: a scope with consent REQUIRED prompts only through apps with consentMethod REQUIRED. */
import type { EnvironmentConfig } from '../schema';
import type { Report } from './rule';
import { managed } from './identity';

export function consentRules(c: EnvironmentConfig, report: Report): void {
  const id = managed(c);
  if (!id) return;
  const consent = new Set(id.scopes.filter((s) => s.consent === 'REQUIRED').map((s) => s.name));
  id.accessPolicies.forEach((pol, i) => {
    const clients = id.apps.filter((a) => pol.clients.includes(a.key) && a.kind !== 'service');
    const trusted = clients.filter((a) => a.consentMethod !== 'REQUIRED');
    pol.rules.forEach((rule, j) => {
      rule.scopes.forEach((scope, k) => {
        if (!consent.has(scope)) return;
        for (const app of trusted) {
          report(
            ['identity', 'accessPolicies', i, 'rules', j, 'scopes', k],
            `scope '${scope}' requires consent, but app '${app.key}' has consentMethod ${app.consentMethod}, ` +
              'so Okta never asks: ' +
              "set the app's consentMethod to REQUIRED or the scope's consent to IMPLICIT",
          );
        }
      });
    });
  });
}
