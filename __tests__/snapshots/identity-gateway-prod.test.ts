/** The synthesized identity-gateway-prod stack: one snapshot entry per Terraform block (support/snapshot.ts). */
import { describeStackSnapshot } from '../support/snapshot';

describeStackSnapshot('prod');
