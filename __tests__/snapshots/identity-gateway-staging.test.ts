/** The synthesized identity-gateway-staging stack: one snapshot entry per Terraform block (support/snapshot.ts). */
import { describeStackSnapshot } from '../support/snapshot';

describeStackSnapshot('staging');
