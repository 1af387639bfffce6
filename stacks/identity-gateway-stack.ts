import { Construct } from 'constructs';
import { join } from 'node:path';
import {
  LocalBackend,
  S3Backend,
  TerraformDataSource,
  TerraformOutput,
  TerraformResource,
  TerraformStack,
} from 'cdktf';
import { oktaApiScopes } from './okta-api-scopes';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { OktaProvider } from '@cdktf/provider-okta/lib/provider';
import type { EnvironmentConfig, ManagedIdentity } from '../config/schema';
import { EVERYONE, hardenedByDefault } from '../config/schema';
import { OktaGroups } from '../constructs/okta/groups';
import { OktaAppIntegration } from '../constructs/okta/app-integration';
import { OktaAuthorizationServer } from '../constructs/okta/authorization-server';
import { OktaMfaRollout, type BehaviorSpec } from '../constructs/okta/mfa-rollout';
import { satisfies } from '../domain/okta/sign-on-constraints';
import { HandlerFunction } from '../constructs/aws/handler-function';
import { JwtHttpApi, type JwtRoute } from '../constructs/aws/jwt-http-api';
import { AuditTrail, breakGlassWatch, OKTA_EVENT_WATCHES } from '../constructs/aws/audit-trail';
import { OktaEventBridgeLogStream } from '../constructs/okta/log-stream';
import { defaultEventSourceName } from '../domain/okta/event-source-name';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { declareGuardrails } from './declarations';
import { releaseOf } from '../release/semver';

export { stackName } from '../domain/stack-names';

/** Where the repository's Lambda handlers live. */
const HANDLERS_DIR = join(__dirname, '..', 'lambda');

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
    const env = config.environment;

    this.configureBackend(id, config);
    new AwsProvider(this, 'aws', {
      region: config.aws.region,
      allowedAccountIds: [...config.aws.allowedAccountIds],
      defaultTags: [
        {
          tags: {
            ...config.aws.tags,
            Project: 'identity-gateway',
            Environment: env,
            Stack: id,
            StackVersion: props.version,
            ManagedBy: 'cdktf',
          },
        },
      ],
    });

    let issuer: string;
    let audience: string[];
    let knownScopes: readonly string[];
    let okta: OktaProvider | undefined;
    const apps: Record<string, OktaAppIntegration> = {};
    if (config.identity.mode === 'managed') {
      okta = this.oktaProvider(config);
      const identity = config.identity;
      const groups = new OktaGroups(this, 'Groups', { groups: identity.groups, everyoneKey: EVERYONE });
      const rollout = identity.mfa ? this.mfaRolloutFor(identity.mfa, groups, config) : undefined;
      this.mfaRollout = rollout;
      if (rollout) assertScopeAssurance(identity, rollout);
      const appParent = new Construct(this, 'Apps');
      for (const app of identity.apps) {
        apps[app.key] = new OktaAppIntegration(appParent, app.key, {
          label: app.label,
          kind: app.kind,
          grantTypes: app.grantTypes as ('authorization_code' | 'refresh_token' | 'client_credentials')[],
          redirectUris: app.redirectUris,
          postLogoutRedirectUris: app.postLogoutRedirectUris,
          trustedOrigins: app.trustedOrigins,
          groupIds: app.groups.map((g) => groups.idOf(g)),
          jwks: app.jwks,
          allowLoopbackRedirects: env === 'dev',
          authenticationPolicyId: rollout && app.signOnTier ? rollout.policyIdFor(app.signOnTier) : undefined,
          consentMethod: app.consentMethod,
          protect: config.protect,
        });
      }
      const server = this.authorizationServerFor(identity, apps, groups, config.protect, props.version);
      this.authorizationServer = server;
      issuer = server.issuer;
      audience = server.audiences;
      knownScopes = server.scopeNames;
    } else {
      issuer = config.identity.issuer;
      audience = [config.identity.audience];
      knownScopes = config.identity.scopes;
    }
    this.apps = apps;

    const handlers: Record<string, HandlerFunction> = {};
    const handlerParent = new Construct(this, 'Handlers');
    const handler = (name: string): HandlerFunction =>
      (handlers[name] ??= new HandlerFunction(handlerParent, name, {
        functionName: `${config.gateway.apiName}-${name}`,
        sourceDir: join(HANDLERS_DIR, name),
        logRetentionDays: config.gateway.logRetentionDays,
        logKmsKeyArn: config.gateway.logKmsKeyArn,
        partition: partitionOf(config.aws.region),
      }));

    const routes: JwtRoute[] = config.gateway.routes.map((r) => ({
      routeKey: r.routeKey,
      scopes: r.scopes,
      publicReason: r.public?.reason,
      throttling: r.throttling,
      target:
        r.integration.type === 'lambda'
          ? {
              type: 'lambda',
              key: r.integration.handler,
              functionName: handler(r.integration.handler).functionName,
              invokeArn: handler(r.integration.handler).invokeArn,
            }
          : {
              type: 'http',
              url: r.integration.url,
              method: r.integration.method,
              timeoutMilliseconds: r.integration.timeoutMilliseconds,
            },
    }));

    this.api = new JwtHttpApi(this, 'Gateway', {
      apiName: config.gateway.apiName,
      description: config.gateway.description,
      issuer,
      audience,
      knownScopes,
      routes,
      cors: config.gateway.cors,
      throttling: config.gateway.throttling,
      logRetentionDays: config.gateway.logRetentionDays,
      logKmsKeyArn: config.gateway.logKmsKeyArn,
      protect: config.protect,
    });

    if (config.audit) this.auditTrail = this.auditTrailFor(id, config);
    if (okta) okta.scopes = oktaApiScopes(oktaTypes(this));
    // Public routes, suppressions and scope assurance travel in the output for the guardrails and review.
    declareGuardrails(this, config, this.mfaRollout);

    new TerraformOutput(this, 'stack_version', {
      value: props.version,
      description: 'Release version this stack was synthesized from',
    });
    new TerraformOutput(this, 'issuer', { value: issuer, description: 'Token issuer the API trusts' });
    new TerraformOutput(this, 'audience', { value: audience, description: 'Audience the API requires' });
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
  private auditTrailFor(id: string, config: EnvironmentConfig): AuditTrail {
    const audit = config.audit!;
    const breakGlass = config.identity.mode === 'managed' ? config.identity.mfa?.adminSurfaces?.breakGlass : undefined;
    const stream = audit.oktaLogStream;
    let oktaEventSourceName: string | undefined;
    let logStream: OktaEventBridgeLogStream | undefined;
    if (stream && 'partnerEventSourceName' in stream) {
      oktaEventSourceName = stream.partnerEventSourceName;
    } else if (stream) {
      const account = new DataAwsCallerIdentity(this, 'Account', {});
      logStream = new OktaEventBridgeLogStream(this, 'OktaLogStream', {
        name: `${id} system log`,
        orgName: config.okta.orgName,
        accountId: account.accountId,
        region: config.aws.region,
        eventSourceName: stream.eventSourceName ?? defaultEventSourceName(id),
      });
      oktaEventSourceName = logStream.partnerEventSourceName;
    }
    return new AuditTrail(this, 'Audit', {
      name: id,
      region: config.aws.region,
      accountIds: config.aws.allowedAccountIds,
      partition: partitionOf(config.aws.region),
      oktaEventSourceName,
      oktaEventSourceDependsOn: logStream ? [logStream.resource] : [],
      api: this.api,
      logRetentionDays: audit.logRetentionDays,
      logKmsKeyArn: audit.logKmsKeyArn,
      alertTopicKmsKeyArn: audit.alerts.topicKmsKeyArn,
      alertEmails: audit.alerts.emails,
      thresholds: audit.alarmThresholds,
      oktaEventWatches: breakGlass ? [...OKTA_EVENT_WATCHES, breakGlassWatch(breakGlass.members)] : undefined,
    });
  }

  private authorizationServerFor(
    identity: ManagedIdentity,
    apps: Record<string, OktaAppIntegration>,
    groups: OktaGroups,
    protect: boolean,
    version: string,
  ): OktaAuthorizationServer {
    return new OktaAuthorizationServer(this, 'AuthorizationServer', {
      name: identity.authorizationServer.name,
      // Only the release (1.4.0, not +3.g1a2b3c4): Okta changes once per release, not on every commit.
      description: `${identity.authorizationServer.description} (release ${releaseOf(version)})`,
      audience: identity.authorizationServer.audience,
      issuerMode: identity.authorizationServer.issuerMode,
      scopes: identity.scopes,
      claims: identity.claims,
      policies: identity.accessPolicies.map((p) => ({
        key: p.key,
        name: p.name,
        description: p.description,
        clientIds: p.clients.map((k) => apps[k].clientId),
        rules: p.rules.map((r) => ({
          name: r.name,
          grantTypes: r.grantTypes,
          groupIds: r.groups.map((g) => groups.idOf(g)),
          scopes: r.scopes,
          accessTokenLifetimeMinutes: r.accessTokenLifetimeMinutes,
          refreshTokenLifetimeMinutes: r.refreshTokenLifetimeMinutes,
          refreshTokenWindowMinutes: r.refreshTokenWindowMinutes,
        })),
      })),
      protect,
    });
  }

  private mfaRolloutFor(
    mfa: NonNullable<ManagedIdentity['mfa']>,
    groups: OktaGroups,
    config: EnvironmentConfig,
  ): OktaMfaRollout {
    const a = mfa.authenticators;
    const listed = (k: keyof typeof a) => {
      const spec = a[k];
      if (!spec)
        throw new Error(
          `identity.mfa.authenticators.${k} is missing: Okta cannot ` +
            `delete an authenticator; keep it with status INACTIVE`,
        );
      return spec;
    };
    return new OktaMfaRollout(this, 'MfaRollout', {
      groups,
      waves: mfa.rollout.waves,
      currentPhase: mfa.rollout.currentPhase,
      authenticators: {
        'okta-verify': listed('okta-verify') as NonNullable<(typeof a)['okta-verify']>,
        webauthn: listed('webauthn'),
        email: { ...listed('email'), recoveryOnly: hardenedByDefault(config.environment, a.email?.recoveryOnly) },
        password: listed('password'),
        phone: listed('phone'),
      },
      sessionLifetimeMinutes: mfa.globalSession.sessionLifetimeMinutes,
      sessionIdleMinutes: mfa.globalSession.sessionIdleMinutes,
      tiers: mfa.tiers,
      corporateZones: mfa.networkZones.corporate,
      blocklist: {
        ...mfa.networkZones.blocklist,
        orgWide: hardenedByDefault(config.environment, mfa.networkZones.blocklist.orgWide),
      },
      threatInsightAction: mfa.threatInsight?.action,
      riskScoring: config.okta.riskScoring,
      identityProviderConditions: config.okta.identityProviderConditions,
      protect: config.protect,
      deviceManagement: mfa.deviceManagement,
      deviceAssurance: mfa.deviceAssurance,
      highRisk: mfa.risk,
      behaviors: mfa.behaviors as Record<string, BehaviorSpec>,
      adaptiveSessionLifetimeMinutes: mfa.adaptiveSessionLifetimeMinutes,
      adminSurfaces: mfa.adminSurfaces && {
        dashboard: mfa.adminSurfaces.dashboard,
        groups: mfa.adminSurfaces.groups,
        breakGlassGroup: mfa.adminSurfaces.breakGlass.group,
        reauthenticateMinutes: mfa.adminSurfaces.reauthenticateMinutes,
      },
    });
  }

  /**
   * The okta provider: org and rate-limit settings from config, credentials only from the environment
   * (OKTA_API_CLIENT_ID, OKTA_API_PRIVATE_KEY_ID, OKTA_API_PRIVATE_KEY; OKTA_API_TOKEN for local use only),
   * as okta/config.go:113-150 reads them. The OAuth scopes are set after composition from the resource types.
   */
  private oktaProvider(config: EnvironmentConfig): OktaProvider {
    const p = config.okta.provider;
    return new OktaProvider(this, 'okta', {
      orgName: config.okta.orgName,
      baseUrl: config.okta.baseUrl,
      maxApiCapacity: p.maxApiCapacity,
      backoff: p.backoff,
      minWaitSeconds: p.minWaitSeconds,
      maxWaitSeconds: p.maxWaitSeconds,
      maxRetries: p.maxRetries,
      requestTimeout: p.requestTimeoutSeconds,
    });
  }

  private configureBackend(id: string, config: EnvironmentConfig): void {
    const backend = config.backend;
    if (backend.type === 'local') {
      // Relative to cdktf.out/stacks/<stack>: the state file lands in the project root, and the
      // synthesized path is the same on every machine.
      new LocalBackend(this, { path: backend.path ?? `../../../terraform.${id}.tfstate` });
      return;
    }
    const s3 = new S3Backend(this, {
      bucket: backend.bucket,
      key: `${backend.keyPrefix}/${id}.tfstate`,
      region: backend.region,
      encrypt: true,
      kmsKeyId: backend.kmsKeyId,
    });
    // S3-native locking (Terraform >= 1.10); cdktf 0.21's S3Backend has no field for it.
    s3.addOverride('use_lockfile', true);
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

/** AWS partition of a region, for ARNs. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}
