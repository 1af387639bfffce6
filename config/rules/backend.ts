/** State: staging and prod keep it in S3 (encrypted, locked); local state is for dev only. */
import type { EnvironmentConfig } from '../schema';
import type { Report } from './rule';

export function backendRules(c: EnvironmentConfig, report: Report): void {
  if (c.environment !== 'dev' && c.backend.type !== 's3') {
    report(['backend', 'type'], 'staging and prod keep state in S3 (encrypted, locked); local state is for dev only');
  }
}
