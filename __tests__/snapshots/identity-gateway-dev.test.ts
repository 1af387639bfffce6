/** The synthesized identity-gateway-dev stack: one snapshot entry per Terraform block (support/snapshot.ts). */
import { describeStackSnapshot } from '../support/snapshot';

describeStackSnapshot('dev');
