// Returns who the caller is, as API Gateway's JWT authorizer verified it.
// The authorizer has already checked signature, issuer, audience, expiry and scopes; this handler only
// reports the verified claims, so a deploy can be smoke-tested with a real token:
//   curl -H "Authorization: Bearer $TOKEN" "$API_ENDPOINT/me"
export const handler = async (event) => {
  const claims = event?.requestContext?.authorizer?.jwt?.claims ?? null;
  const body = claims
    ? {
        authenticated: true,
        subject: claims.sub ?? null,
        clientId: claims.cid ?? null,
        scopes: typeof claims.scp === 'string' ? claims.scp.replace(/^\[|\]$/g, '').split(/[ ,]+/).filter(Boolean) : [],
        groups: claims.groups ?? null,
        issuer: claims.iss ?? null,
        expiresAt: claims.exp ? new Date(Number(claims.exp) * 1000).toISOString() : null,
      }
    : { authenticated: false, status: 'ok' };
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
    body: JSON.stringify(body),
  };
};
