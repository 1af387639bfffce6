/** The shipped Lambda handler reports the claims API Gateway verified, and nothing for anonymous calls. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type Handler = (event: unknown) => Promise<{ statusCode: number; headers: Record<string, string>; body: string }>;
let handler: Handler;

beforeAll(() => {
  // The handler is the plain ES module that gets zipped; jest's VM cannot import ESM, so evaluate its
  // text with its single export turned into a return value.
  const source = readFileSync(join(__dirname, '..', 'lambda', 'whoami', 'index.mjs'), 'utf8');
  expect(source.match(/^export /gm)).toHaveLength(1);
  handler = new Function(
    `${source.replace('export const handler =', 'const handler =')}\nreturn handler;`,
  )() as Handler;
});

test('returns the verified subject, client, scopes and groups of the caller', async () => {
  const res = await handler({
    requestContext: {
      authorizer: {
        jwt: {
          claims: {
            sub: '00u1',
            cid: '0oa1',
            scp: '[profile:read orders:read]',
            groups: '[API Users]',
            iss: 'https://acme.okta.com/oauth2/aus1',
            exp: '1893456000',
          },
          scopes: ['profile:read'],
        },
      },
    },
  });
  expect(res.statusCode).toBe(200);
  expect(res.headers['cache-control']).toBe('no-store');
  expect(JSON.parse(res.body)).toEqual({
    authenticated: true,
    subject: '00u1',
    clientId: '0oa1',
    scopes: ['profile:read', 'orders:read'],
    groups: '[API Users]',
    issuer: 'https://acme.okta.com/oauth2/aus1',
    expiresAt: '2030-01-01T00:00:00.000Z',
  });
});

test('answers a public (unauthenticated) call without caller data', async () => {
  const res = await handler({ requestContext: {} });
  expect(JSON.parse(res.body)).toEqual({ authenticated: false, status: 'ok' });
});
