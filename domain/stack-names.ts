/** Stack name for an environment: a contract with `cdktf deploy` users and CI. No cdktf here, so tools load fast. */
export const stackName = (environment: string): string => `identity-gateway-${environment}`;
