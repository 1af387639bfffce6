/** Test helpers for one construct in a test stack: no config, no environment, no other constructs. */
import { Testing, TerraformStack } from 'cdktf';
import type { JwtHttpApiProps } from '../../constructs/aws/jwt-http-api';
import type { TfJson } from './tf-json';

/** An empty stack in a fresh test app. */
export const testStack = (): TerraformStack => new TerraformStack(Testing.app(), 'test');

/** Builds constructs into a fresh test stack and returns its Terraform JSON. */
export function synthConstruct(build: (stack: TerraformStack) => void): TfJson {
  const stack = testStack();
  build(stack);
  return JSON.parse(Testing.synth(stack));
}

/** The smallest protected JwtHttpApi: one scoped route to an HTTP backend, throttled, with access logs. */
export const minimalApiProps = (over: Partial<JwtHttpApiProps> = {}): JwtHttpApiProps => ({
  apiName: 'api',
  issuer: 'https://acme.okta.com/oauth2/aus1',
  audience: ['api://acme'],
  routes: [
    { routeKey: 'GET /me', scopes: ['me:read'], target: { type: 'http', url: 'https://backend.example.com/me' } },
  ],
  throttling: { burstLimit: 10, rateLimit: 5 },
  logRetentionDays: 30,
  ...over,
});
