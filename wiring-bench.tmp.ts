import { Testing } from 'cdktf';
import { loadEnvironmentConfig } from './config/load';
import { ENVIRONMENTS } from './config/environments';
import { IdentityGatewayStack } from './stacks/identity-gateway-stack';
const config = loadEnvironmentConfig('prod', ENVIRONMENTS.prod);
for (let i = 0; i < 12; i++) {
  const t = process.hrtime.bigint();
  const app = Testing.app();
  const stack = new IdentityGatewayStack(app, 'identity-gateway-prod', { config, version: '0.0.0-test' });
  const t1 = process.hrtime.bigint();
  const s = JSON.stringify((stack as any).toTerraform());
  const t2 = process.hrtime.bigint();
  console.log(i, Number(t1 - t) / 1e6, Number(t2 - t1) / 1e6, s.length);
}
