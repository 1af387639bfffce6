import { Construct } from 'constructs';
import {
  LocalBackend,
  S3Backend,
  TerraformDataSource,
  TerraformOutput,
  TerraformResource,
  TerraformStack,
} from 'cdktf';
import { recordOktaApiScopes } from './okta-api-scopes';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { OktaProvider } from '@cdktf/provider-okta/lib/provider';
import type { AuditConfig } from '../config/audit';
import type { EnvironmentConfig, ManagedIdentity } from '../config/schema';
import { OktaGroups } from '../constructs/okta/groups';
import { OktaAppIntegration } from '../constructs/okta/app-integration';
import { OktaAuthorizationServer } from '../constructs/okta/authorization-server';
import { OktaMfaRollout } from '../constructs/okta/mfa-rollout';
import { OktaIdentityEngineCheck } from '../constructs/okta/identity-engine';
import { satisfies, type SignOnTier } from '../domain/okta/sign-on-constraints';
import { HandlerFunction } from '../constructs/aws/handler-function';
import { JwtHttpApi } from '../constructs/aws/jwt-http-api';
import { AuditTrail } from '../constructs/aws/audit-trail';
import { OktaEventBridgeLogStream } from '../constructs/okta/log-stream';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { declareGuardrails } from './declarations';
import { awsProviderConfig, backendSettings, oktaProviderConfig } from './props/providers';
import { appIntegrationProps, authorizationServerProps, oktaGroupsProps } from './props/identity';
import { mfaRolloutProps } from './props/mfa-rollout';
import { handlerFunctionProps, jwtHttpApiProps, type GatewayTrust } from './props/gateway';
import { auditTrailProps, logStreamProps, partnerEventSource } from './props/audit';

export { stackName } from '../domain/stack-names';
export { partitionOf } from '../domain/aws';

export interface IdentityGatewayStackProps {
  /** The parsed configuration of one environment. */
  readonly config: EnvironmentConfig;
  /**
   * Release version (release/version.ts): the `stack_version` output and every AWS resource's StackVersion
   * tag; its release part (no build metadata) goes in the authorization server's description.
   */
  readonly version: string;
}

/**
 * One environment's identity perimeter as a single Terraform stack: the Okta authorization server,
 * groups and app integrations, and the HTTP API whose JWT authorizer trusts exactly that server.
 * In gateway-only mode (identity.mode = external) the stack holds no Okta resources or provider.
 * The stack composes; what each construct gets from the config is mapped in stacks/props/.
 */
export class IdentityGatewayStack extends TerraformStack {
  readonly api: JwtHttpApi;
  readonly authorizationServer?: OktaAuthorizationServer;
  readonly apps: Readonly<Record<string, OktaAppIntegration>>;
  readonly mfaRollout?: OktaMfaRollout;
  readonly auditTrail?: AuditTrail;

  constructor(scope: Construct, id: string, props: IdentityGatewayStackProps) {
    super(scope, id);
    const { config } = props;

    this.configureBackend(id, config);
    new AwsProvider(this, 'aws', awsProviderConfig(config, id, props.version));

    let trust: GatewayTrust;
    let okta: OktaProvider | undefined;
    const apps: Record<string, OktaAppIntegration> = {};
    if (config.identity.mode === 'managed') {
      okta = new OktaProvider(this, 'okta', oktaProviderConfig(config));
      const identity = config.identity;
      const groups = new OktaGroups(this, 'Groups', oktaGroupsProps(identity));
      const rollout = identity.mfa
        ? new OktaMfaRollout(this, 'MfaRollout', mfaRolloutProps(config, identity.mfa, groups))
        : undefined;
      this.mfaRollout = rollout;
      if (rollout) assertScopeAssurance(identity, rollout);
      const appParent = new Construct(this, 'Apps');
      const policyIdFor = rollout && ((tier: SignOnTier) => rollout.policyIdFor(tier));
      for (const app of identity.apps) {
        const context = { environment: config.environment, protect: config.protect, groups, policyIdFor };
        apps[app.key] = new OktaAppIntegration(appParent, app.key, appIntegrationProps(app, context));
      }
      const server = new OktaAuthorizationServer(
        this,
        'AuthorizationServer',
        authorizationServerProps(identity, {
          protect: config.protect,
          version: props.version,
          groups,
          clientIdOf: (key) => apps[key].clientId,
        }),
      );
      this.authorizationServer = server;
      trust = { issuer: server.issuer, audience: server.audiences, knownScopes: server.scopeNames };
    } else {
      const identity = config.identity;
      trust = { issuer: identity.issuer, audience: [identity.audience], knownScopes: identity.scopes };
    }
    this.apps = apps;

    const handlers: Record<string, HandlerFunction> = {};
    const handlerParent = new Construct(this, 'Handlers');
    this.api = new JwtHttpApi(
      this,
      'Gateway',
      jwtHttpApiProps(config, trust, (name) => {
        const fn = (handlers[name] ??= new HandlerFunction(handlerParent, name, handlerFunctionProps(config, name)));
        return { functionName: fn.functionName, invokeArn: fn.invokeArn };
      }),
    );

    if (config.audit) this.auditTrail = this.auditTrailFor(id, config, config.audit);
    // Nothing Okta is read or written before the org is proven to run the Identity Engine.
    if (okta) new OktaIdentityEngineCheck(this, 'OktaIdentityEngine').guard(this);
    if (okta) recordOktaApiScopes(this, oktaTypes(this));
    // Public routes, suppressions and scope assurance travel in the output for the guardrails and review.
    declareGuardrails(this, config, this.mfaRollout);

    new TerraformOutput(this, 'stack_version', {
      value: props.version,
      description: 'Release version this stack was synthesized from',
    });
    new TerraformOutput(this, 'issuer', { value: trust.issuer, description: 'Token issuer the API trusts' });
    new TerraformOutput(this, 'audience', { value: trust.audience, description: 'Audience the API requires' });
    new TerraformOutput(this, 'api_endpoint', {
      value: this.api.apiEndpoint,
      description: 'Invoke URL of the $default stage',
    });
    if (Object.keys(apps).length > 0) {
      new TerraformOutput(this, 'client_ids', {
        value: Object.fromEntries(Object.entries(apps).map(([k, a]) => [k, a.clientId])),
        description: 'OIDC client_id of every app integration (public identifiers, not secrets)',
      });
    }
  }

  /**
   * The audit trail. With a managed Okta org the stack creates the log stream itself, into its own
   * account (the caller identity, which allowed_account_ids pins) and region, and the event bus waits
   * for it; with an external org the partner event source comes from config.
   */
  private auditTrailFor(id: string, config: EnvironmentConfig, audit: AuditConfig): AuditTrail {
    let source = partnerEventSource(audit);
    const stream = logStreamProps(audit, config, id);
    if (stream) {
      const account = new DataAwsCallerIdentity(this, 'Account', {});
      const logStream = new OktaEventBridgeLogStream(this, 'OktaLogStream', {
        ...stream,
        accountId: account.accountId,
      });
      source = { name: logStream.partnerEventSourceName, dependsOn: [logStream.resource] };
    }
    return new AuditTrail(this, 'Audit', auditTrailProps(config, audit, id, this.api, source));
  }

  private configureBackend(id: string, config: EnvironmentConfig): void {
    const backend = backendSettings(config, id);
    if (backend.type === 'local') {
      new LocalBackend(this, backend.local);
      return;
    }
    const s3 = new S3Backend(this, backend.s3);
    s3.addOverride('use_lockfile', backend.useLockfile);
  }
}

/**
 * Refuses an access policy that would grant a scope requiring a sign-in assurance to an app whose
 * sign-on tier does not guarantee it (the config schema reports the same; this guards direct use).
 */
function assertScopeAssurance(identity: ManagedIdentity, rollout: OktaMfaRollout): void {
  for (const scope of identity.scopes) {
    const need = scope.requiredAssurance;
    if (!need) continue;
    for (const policy of identity.accessPolicies) {
      if (!policy.rules.some((r) => r.scopes.includes(scope.name))) continue;
      for (const app of identity.apps.filter((a) => policy.clients.includes(a.key))) {
        const got = app.kind === 'service' || !app.signOnTier ? undefined : rollout.guaranteeOf(app.signOnTier);
        if (!satisfies(got, need)) {
          throw new Error(
            `access policy '${policy.key}' grants scope '${scope.name}' (requires ` +
              `${need}) to app '${app.key}' ` +
              `(${app.kind === 'service' ? 'service app' : `sign-on tier ${app.signOnTier ?? '(none)'}`}), ` +
              `which does not guarantee it`,
          );
        }
      }
    }
  }
}

/** Every okta resource and data-source type in the stack. */
function oktaTypes(stack: TerraformStack): string[] {
  return stack.node
    .findAll()
    .filter(
      (c): c is TerraformResource | TerraformDataSource =>
        c instanceof TerraformResource || c instanceof TerraformDataSource,
    )
    .map((c) => c.terraformResourceType)
    .filter((t) => t.startsWith('okta_'));
}
