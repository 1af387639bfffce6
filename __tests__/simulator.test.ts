/**
 * The access simulator against Okta's documented policy semantics, one small hand-built stack per case:
 * priority order and first match, catch-all rules, DENY rules, zone and group include / exclude, the
 * org-wide blocklist, groups_included on policies vs rules, constraints and enrollment, device, risk
 * and behaviour conditions, access-policy client and scope whitelists, and the JWT authorizer.
 */
import { StackModel } from '../synthesized/model';
import { ORDINARY, parseContext, type AccessContext } from '../simulator/context';
import { simulate, weakestSignIn, type Verdict } from '../simulator/evaluate';
import { SimStack } from '../simulator/stack';

type Resources = Record<string, Record<string, any>>;
const ref = (type: string, name: string, attr = 'id') => `\${${type}.${name}.${attr}}`;
const at = (path: string) => ({ '//': { metadata: { path: `identity-gateway-test/${path}/Resource` } } });

/** A minimal stack: groups Users and Admins, one SPA on one sign-on policy, one server, three routes. */
function stack(edit?: (r: Resources) => void): SimStack {
  const server = ref('okta_auth_server', 's');
  const r: Resources = {
    okta_group: { users: { name: 'Users' }, admins: { name: 'Admins' } },
    okta_network_zone: {
      corp: { name: 'Corp', type: 'IP', usage: 'POLICY', gateways: ['203.0.113.0/24'], status: 'ACTIVE' },
      blocked: { name: 'Blocked', type: 'DYNAMIC', usage: 'POLICY', dynamic_locations: ['KP'], status: 'ACTIVE' },
      tor: { name: 'Tor', type: 'DYNAMIC', usage: 'POLICY', dynamic_proxy_type: 'TorAnonymizer', status: 'ACTIVE' },
    },
    okta_authenticator: {
      password: { key: 'okta_password', status: 'ACTIVE' },
      email: { key: 'okta_email', status: 'ACTIVE' },
      phone: { key: 'phone_number', status: 'INACTIVE' },
      ov: { key: 'okta_verify', status: 'ACTIVE', settings: JSON.stringify({ userVerification: 'REQUIRED' }) },
      webauthn: { key: 'webauthn', status: 'ACTIVE' },
    },
    okta_app_signon_policy: { tier: { name: 'Tier', catch_all: false } },
    okta_app_signon_policy_rule: {
      allow: {
        policy_id: ref('okta_app_signon_policy', 'tier'),
        name: 'One factor',
        priority: 1,
        access: 'ALLOW',
        factor_mode: '1FA',
        network_connection: 'ANYWHERE',
      },
    },
    okta_app_oauth: {
      app: {
        ...at('Apps/app'),
        label: 'App',
        type: 'browser',
        grant_types: ['authorization_code', 'refresh_token'],
        authentication_policy: ref('okta_app_signon_policy', 'tier'),
      },
      other: { ...at('Apps/other'), label: 'Other', type: 'browser', grant_types: ['authorization_code'] },
    },
    okta_app_group_assignments: {
      app: {
        app_id: ref('okta_app_oauth', 'app'),
        group: [
          { id: ref('okta_group', 'users'), priority: 1 },
          { id: ref('okta_group', 'admins'), priority: 2 },
        ],
      },
    },
    okta_auth_server: { s: { name: 'AS', audiences: ['api://test'] } },
    okta_auth_server_scope: {
      read: { auth_server_id: server, name: 'read' },
      write: { auth_server_id: server, name: 'write' },
    },
    okta_auth_server_policy: {
      p: {
        auth_server_id: server,
        name: 'Apps',
        priority: 1,
        status: 'ACTIVE',
        client_whitelist: [ref('okta_app_oauth', 'app', 'client_id')],
      },
    },
    okta_auth_server_policy_rule: {
      r: {
        auth_server_id: server,
        policy_id: ref('okta_auth_server_policy', 'p'),
        name: 'Readers',
        priority: 1,
        status: 'ACTIVE',
        grant_type_whitelist: ['authorization_code'],
        group_whitelist: ['EVERYONE'],
        scope_whitelist: ['read'],
        access_token_lifetime_minutes: 15,
      },
    },
    aws_apigatewayv2_authorizer: {
      jwt: {
        authorizer_type: 'JWT',
        jwt_configuration: {
          issuer: ref('okta_auth_server', 's', 'issuer'),
          audience: '${tolist(okta_auth_server.s.audiences)}',
        },
      },
    },
    aws_apigatewayv2_route: {
      get: {
        route_key: 'GET /items/{id}',
        authorization_type: 'JWT',
        authorizer_id: ref('aws_apigatewayv2_authorizer', 'jwt'),
        authorization_scopes: ['read', 'write'],
      },
      post: {
        route_key: 'POST /items',
        authorization_type: 'JWT',
        authorizer_id: ref('aws_apigatewayv2_authorizer', 'jwt'),
        authorization_scopes: ['write'],
      },
      health: { route_key: 'GET /health', authorization_type: 'NONE' },
    },
  };
  edit?.(r);
  return SimStack.of(new StackModel('identity-gateway-test', { resource: r }));
}

const appRules = (r: Resources) => r.okta_app_signon_policy_rule;
const ask = (
  sim: SimStack,
  group: string,
  route = 'GET /items/{id}',
  ctx: AccessContext = ORDINARY,
  app = 'app',
): Verdict => simulate(sim, group, app, sim.route(route)!, ctx);
const outcomes = (v: Verdict, stage: string) =>
  v.trace.filter((t) => t.stage === stage).map((t) => `${t.subject}: ${t.outcome}`);
const ctx = (sim: SimStack, input: Parameters<typeof parseContext>[1]) => {
  const parsed = parseContext(sim.model, input);
  expect(parsed.problems).toEqual([]);
  return parsed.context!;
};

describe('app sign-on policy rules', () => {
  test('GIVEN rules listed out of order WHEN evaluated THEN priority decides and the first match wins', () => {
    const sim = stack((r) => {
      // The DENY rule's name sorts first (the model orders by name) but its priority is lower.
      appRules(r).a_deny = {
        policy_id: ref('okta_app_signon_policy', 'tier'),
        name: 'Deny all',
        priority: 2,
        access: 'DENY',
      };
    });
    const v = ask(sim, 'Users');
    expect(v.decision).toBe('allow');
    expect(v.signIn).toBe('password');
    expect(outcomes(v, 'app sign-on')).toEqual(['Tier / One factor: match']);
  });

  test(
    'fails: GIVEN a DENY rule at priority 1 WHEN a user signs ' +
      'in THEN access is denied and later rules are not considered',
    () => {
      const sim = stack((r) => {
        appRules(r).deny = {
          policy_id: ref('okta_app_signon_policy', 'tier'),
          name: 'Deny all',
          priority: 1,
          access: 'DENY',
        };
        appRules(r).allow.priority = 2;
      });
      const v = ask(sim, 'Users');
      expect(v.decision).toBe('deny');
      expect(v.status).toBe(401);
      expect(outcomes(v, 'app sign-on')).toEqual(['Tier / Deny all: deny']);
    },
  );

  test('fails: GIVEN no rule matches and catch_all = false WHEN evaluated THEN the catch-all rule denies', () => {
    const sim = stack((r) => (appRules(r).allow.groups_included = [ref('okta_group', 'admins')]));
    const v = ask(sim, 'Users');
    expect(v.decision).toBe('deny');
    expect(outcomes(v, 'app sign-on')).toEqual(['Tier / One factor: no match', 'Tier / Catch-all Rule: deny']);
  });

  test(
    'GIVEN no rule matches and catch_all unset WHEN ' + "evaluated THEN the catch-all rule allows (Okta's default)",
    () => {
      const sim = stack((r) => {
        appRules(r).allow.groups_included = [ref('okta_group', 'admins')];
        delete r.okta_app_signon_policy.tier.catch_all;
      });
      expect(ask(sim, 'Users').decision).toBe('allow');
    },
  );

  test(
    'GIVEN groups_included and groups_excluded WHEN members ' +
      'of each sign in THEN only included, not excluded, match',
    () => {
      const sim = stack((r) => {
        appRules(r).allow.groups_included = ['EVERYONE'];
        appRules(r).allow.groups_excluded = [ref('okta_group', 'admins')];
        appRules(r).two = {
          policy_id: ref('okta_app_signon_policy', 'tier'),
          name: 'Two factors',
          priority: 2,
          factor_mode: '2FA',
        };
      });
      expect(ask(sim, 'Users').signIn).toBe('password');
      const admin = ask(sim, 'Admins');
      expect(admin.signIn).toBe('password + email');
      expect(admin.trace.find((t) => t.subject === 'Tier / One factor')?.why).toBe('excludes Admins');
    },
  );

  test(
    'GIVEN a rule for the corporate zone WHEN signing in ' + 'from it or from elsewhere THEN network_includes decides',
    () => {
      const sim = stack((r) => {
        Object.assign(appRules(r).allow, {
          network_connection: 'ZONE',
          network_includes: [ref('okta_network_zone', 'corp')],
        });
        appRules(r).two = {
          policy_id: ref('okta_app_signon_policy', 'tier'),
          name: 'Two factors',
          priority: 2,
          factor_mode: '2FA',
        };
      });
      expect(ask(sim, 'Users', 'GET /items/{id}', ctx(sim, { zones: ['Corp'] })).signIn).toBe('password');
      expect(ask(sim, 'Users').signIn).toBe('password + email');
    },
  );

  test(
    'fails: GIVEN a DENY rule excluding the corporate zone WHEN ' +
      'signing in from outside THEN denied; from inside THEN allowed',
    () => {
      const sim = stack((r) => {
        appRules(r).deny = {
          policy_id: ref('okta_app_signon_policy', 'tier'),
          name: 'Off-site',
          priority: 1,
          access: 'DENY',
          network_connection: 'ZONE',
          network_excludes: [ref('okta_network_zone', 'corp')],
        };
        appRules(r).allow.priority = 2;
      });
      expect(ask(sim, 'Users').decision).toBe('deny');
      expect(ask(sim, 'Users', 'GET /items/{id}', ctx(sim, { zones: ['Corp'] })).decision).toBe('allow');
    },
  );

  test(
    'fails: GIVEN a managed-device rule WHEN the device is ' +
      'unmanaged THEN the rule does not match and the catch-all denies',
    () => {
      const sim = stack((r) =>
        Object.assign(appRules(r).allow, { device_is_registered: true, device_is_managed: true }),
      );
      expect(ask(sim, 'Users').decision).toBe('allow');
      const v = ask(sim, 'Users', 'GET /items/{id}', ctx(sim, { device: ['unmanaged'] }));
      expect(v.decision).toBe('deny');
      expect(v.trace.find((t) => t.subject === 'Tier / One factor')?.why).toBe('requires a managed device');
    },
  );

  test(
    'GIVEN risk, platform and device-assurance conditions ' + 'WHEN the context differs THEN the rule does not match',
    () => {
      const sim = stack((r) => {
        appRules(r).high = {
          policy_id: ref('okta_app_signon_policy', 'tier'),
          name: 'High risk',
          priority: 1,
          access: 'DENY',
          risk_score: 'HIGH',
        };
        appRules(r).allow.priority = 2;
        appRules(r).allow.platform_include = [{ type: 'DESKTOP', os_type: 'MACOS' }];
      });
      expect(ask(sim, 'Users').decision).toBe('allow');
      expect(ask(sim, 'Users', 'GET /items/{id}', ctx(sim, { risk: 'HIGH' })).reason).toContain(
        'Tier / High risk denies access',
      );
      expect(ask(sim, 'Users', 'GET /items/{id}', ctx(sim, { device: ['mobile,ios'] })).decision).toBe('deny');
    },
  );
});

describe('authenticators: constraints and enrollment', () => {
  const prRule = (r: Resources) =>
    Object.assign(appRules(r).allow, {
      factor_mode: '2FA',
      constraints: [JSON.stringify({ possession: { phishingResistant: 'REQUIRED', userPresence: 'REQUIRED' } })],
    });

  test(
    'GIVEN a phishing-resistant constraint WHEN the weakest ' + 'sign-in is sought THEN phishable factors are skipped',
    () => {
      const v = weakestSignIn(stack(prRule), 'Users', 'app', ORDINARY);
      expect(v.signIn).toBe('password + WebAuthn');
      expect(v.trace.at(-1)?.why).toContain('password + Okta Verify push: a phishing-resistant factor is required');
    },
  );

  test('GIVEN user verification required WHEN Okta Verify verifies users THEN FastPass is the weakest sign-in', () => {
    const sim = stack((r) => {
      prRule(r);
      appRules(r).allow.constraints = [
        JSON.stringify({ possession: { phishingResistant: 'REQUIRED', userVerification: 'REQUIRED' } }),
      ];
    });
    expect(weakestSignIn(sim, 'Users', 'app', ORDINARY).signIn).toBe('Okta Verify FastPass');
  });

  test(
    'fails: GIVEN FastPass is the only way in WHEN the device ' +
      'is not registered THEN no sign-in satisfies the rule',
    () => {
      const sim = stack((r) => {
        appRules(r).allow.constraints = [
          JSON.stringify({ possession: { phishingResistant: 'REQUIRED', userVerification: 'REQUIRED' } }),
        ];
      });
      const v = weakestSignIn(sim, 'Users', 'app', ctx(sim, { device: ['unregistered'] }));
      expect(v.decision).toBe('deny');
      expect(v.trace.at(-1)?.why).toContain('FastPass needs a registered device');
    },
  );

  test('GIVEN constraint objects in a list WHEN one of them is met THEN the rule is satisfied (Okta ORs them)', () => {
    const sim = stack((r) => {
      appRules(r).allow.constraints = [
        JSON.stringify({ possession: { types: ['security_key'] } }),
        JSON.stringify({ possession: { types: ['email'] } }),
      ];
    });
    expect(weakestSignIn(sim, 'Users', 'app', ORDINARY).signIn).toBe('password + email');
  });

  test(
    'fails: GIVEN an enrollment policy without WebAuthn and a person ' +
      'with password only WHEN two factors are required THEN denied',
    () => {
      const sim = stack((r) => {
        prRule(r);
        r.okta_policy_mfa = {
          e: {
            name: 'Enrollment',
            priority: 1,
            status: 'ACTIVE',
            groups_included: [ref('okta_group', 'users')],
            okta_password: { enroll: 'REQUIRED' },
            okta_verify: { enroll: 'REQUIRED' },
            webauthn: { enroll: 'NOT_ALLOWED' },
          },
        };
      });
      // Users may not enroll WebAuthn, and Okta Verify alone is phishable unless FastPass (registered device) is used.
      expect(weakestSignIn(sim, 'Users', 'app', ORDINARY).signIn).toBe('Okta Verify FastPass');
      expect(weakestSignIn(sim, 'Users', 'app', ctx(sim, { authenticators: ['password'] })).decision).toBe('deny');
      // Admins are not in that enrollment policy: the org default applies.
      expect(weakestSignIn(sim, 'Admins', 'app', ORDINARY).signIn).toBe('password + WebAuthn');
    },
  );

  test('fails: GIVEN phone is INACTIVE WHEN the person has only password and phone THEN phone cannot be used', () => {
    const sim = stack((r) => (appRules(r).allow.factor_mode = '2FA'));
    const v = weakestSignIn(sim, 'Users', 'app', ctx(sim, { authenticators: ['password', 'phone'] }));
    expect(v.decision).toBe('deny');
    expect(v.trace.map((t) => t.why).join(' ')).toContain('phone_number not usable here');
  });
});

describe('global session policy and network zones', () => {
  const session = (r: Resources, rules: Record<string, any>, groups = [ref('okta_group', 'admins')]) => {
    r.okta_policy_signon = { gs: { name: 'Session', priority: 1, status: 'ACTIVE', groups_included: groups } };
    r.okta_policy_rule_signon = Object.fromEntries(
      Object.entries(rules).map(([k, v]) => [k, { policy_id: ref('okta_policy_signon', 'gs'), ...v }]),
    );
  };

  test(
    'GIVEN groups_included on the policy WHEN a member and a ' +
      'non-member sign in THEN only the member gets its MFA rule',
    () => {
      const sim = stack((r) => session(r, { mfa: { name: 'MFA', priority: 1, access: 'ALLOW', mfa_required: true } }));
      expect(ask(sim, 'Admins').signIn).toBe('password + email');
      const user = ask(sim, 'Users');
      expect(user.signIn).toBe('password');
      expect(outcomes(user, 'global session')).toEqual(['Session: no match', 'Default Policy: match']);
    },
  );

  test(
    'fails: GIVEN a DENY rule for the blocked zones WHEN signing in ' +
      'from a blocked country or Tor THEN denied before the app policy',
    () => {
      const sim = stack((r) =>
        session(r, {
          deny: {
            name: 'Deny blocked',
            priority: 1,
            access: 'DENY',
            network_connection: 'ZONE',
            network_includes: [ref('okta_network_zone', 'blocked'), ref('okta_network_zone', 'tor')],
          },
          mfa: { name: 'MFA', priority: 2, access: 'ALLOW', mfa_required: true },
        }),
      );
      for (const zone of ['country:KP', 'tor']) {
        const v = ask(sim, 'Admins', 'GET /items/{id}', ctx(sim, { zones: [zone] }));
        expect(v.decision).toBe('deny');
        expect(v.reason).toContain('Session / Deny blocked denies access');
        expect(v.trace.some((t) => t.stage === 'app sign-on')).toBe(false);
      }
      expect(ask(sim, 'Admins', 'GET /items/{id}', ctx(sim, { zones: ['country:FR'] })).decision).toBe('allow');
    },
  );

  test('fails: GIVEN a BLOCKLIST zone no rule names WHEN a request comes from it THEN Okta blocks it org-wide', () => {
    const sim = stack((r) => (r.okta_network_zone.blocked.usage = 'BLOCKLIST'));
    const v = ask(sim, 'Users', 'GET /items/{id}', ctx(sim, { zones: ['country:KP'] }));
    expect(v.decision).toBe('deny');
    expect(v.trace.find((t) => t.stage === 'network' && t.outcome === 'deny')?.subject).toBe('Blocked');
    // The same zone as a POLICY zone that no rule names has no effect.
    expect(ask(stack(), 'Users', 'GET /items/{id}', ctx(sim, { zones: ['country:KP'] })).decision).toBe('allow');
  });

  test(
    'GIVEN risk and behaviour conditions on a session rule WHEN ' +
      'the context matches or not THEN the rule applies or is skipped',
    () => {
      const sim = stack((r) => {
        r.okta_behavior = { newcountry: { name: 'New country', type: 'ANOMALOUS_LOCATION' } };
        session(
          r,
          {
            risky: { name: 'Risky', priority: 1, access: 'DENY', risk_level: 'HIGH' },
            odd: {
              name: 'Odd',
              priority: 2,
              access: 'ALLOW',
              mfa_required: true,
              behaviors: [ref('okta_behavior', 'newcountry')],
            },
            ok: { name: 'Ok', priority: 3, access: 'ALLOW' },
          },
          ['EVERYONE'],
        );
      });
      expect(ask(sim, 'Users').signIn).toBe('password');
      expect(ask(sim, 'Users', 'GET /items/{id}', ctx(sim, { behaviours: ['New country'] })).signIn).toBe(
        'password + email',
      );
      expect(ask(sim, 'Users', 'GET /items/{id}', ctx(sim, { risk: 'HIGH' })).decision).toBe('deny');
    },
  );

  test(
    'GIVEN priority_factor PASSWORD_IDP WHEN passwordless ' + 'would be the weakest THEN the password comes first',
    () => {
      const sim = stack((r) => {
        session(
          r,
          { mfa: { name: 'MFA', priority: 1, access: 'ALLOW', mfa_required: true, primary_factor: 'PASSWORD_IDP' } },
          ['EVERYONE'],
        );
        appRules(r).allow.constraints = [
          JSON.stringify({ possession: { phishingResistant: 'REQUIRED', userVerification: 'REQUIRED' } }),
        ];
      });
      expect(weakestSignIn(sim, 'Users', 'app', ORDINARY).signIn).toBe('password + Okta Verify FastPass');
    },
  );
});

describe('authorization server and gateway', () => {
  test(
    'fails: GIVEN a scope whitelist with read only WHEN a route ' +
      'needs write THEN 403; a route accepting read or write THEN allow',
    () => {
      const sim = stack();
      const get = ask(sim, 'Users');
      expect(get.decision).toBe('allow');
      expect(get.token).toEqual({
        scope: 'read',
        rule: 'Apps / Readers',
        accessTokenLifetimeMinutes: 15,
        refreshTokenLifetimeMinutes: undefined,
      });
      const post = ask(sim, 'Users', 'POST /items');
      expect(post.decision).toBe('deny');
      expect(post.status).toBe(403);
      expect(post.reason).toContain('no access rule grants write (authorization_code)');
    },
  );

  test('GIVEN scope_whitelist * WHEN any defined scope is asked for THEN the rule grants it', () => {
    const sim = stack((r) => (r.okta_auth_server_policy_rule.r.scope_whitelist = ['*']));
    expect(ask(sim, 'Users', 'POST /items').decision).toBe('allow');
  });

  test('fails: GIVEN a client whitelist without the app WHEN it asks for a token THEN no policy applies (403)', () => {
    const sim = stack(
      (r) => (r.okta_auth_server_policy.p.client_whitelist = [ref('okta_app_oauth', 'other', 'client_id')]),
    );
    const v = ask(sim, 'Users');
    expect(v.status).toBe(403);
    expect(outcomes(v, 'token')).toEqual(['scope read: note', 'Apps: no match', 'scope write: note', 'Apps: no match']);
    const all = stack((r) => (r.okta_auth_server_policy.p.client_whitelist = ['ALL_CLIENTS']));
    expect(ask(all, 'Users').decision).toBe('allow');
  });

  test(
    'GIVEN two policies and rules WHEN both match THEN the ' + 'first policy and rule by priority give the lifetimes',
    () => {
      const server = ref('okta_auth_server', 's');
      const sim = stack((r) => {
        r.okta_auth_server_policy.all = {
          auth_server_id: server,
          name: 'All',
          priority: 2,
          client_whitelist: ['ALL_CLIENTS'],
        };
        r.okta_auth_server_policy.p.priority = 1;
        r.okta_auth_server_policy_rule.r.group_whitelist = [ref('okta_group', 'admins')];
        r.okta_auth_server_policy_rule.late = {
          ...r.okta_auth_server_policy_rule.r,
          name: 'Late',
          priority: 2,
          group_whitelist: ['EVERYONE'],
          access_token_lifetime_minutes: 60,
        };
        r.okta_auth_server_policy_rule.next = {
          ...r.okta_auth_server_policy_rule.r,
          policy_id: ref('okta_auth_server_policy', 'all'),
          name: 'Next',
          group_whitelist: ['EVERYONE'],
          access_token_lifetime_minutes: 30,
        };
      });
      expect(ask(sim, 'Admins').token?.rule).toBe('Apps / Readers');
      expect(ask(sim, 'Users').token).toMatchObject({ rule: 'Apps / Late', accessTokenLifetimeMinutes: 60 });
    },
  );

  test(
    'fails: GIVEN a group blacklist and an inactive rule ' + 'WHEN the blacklisted group asks THEN no rule matches',
    () => {
      const sim = stack((r) => {
        r.okta_auth_server_policy_rule.r.group_blacklist = [ref('okta_group', 'admins')];
        r.okta_auth_server_policy_rule.off = {
          ...r.okta_auth_server_policy_rule.r,
          name: 'Off',
          priority: 2,
          status: 'INACTIVE',
          group_blacklist: [],
        };
      });
      const v = ask(sim, 'Admins');
      expect(v.decision).toBe('deny');
      const tried = ['Apps: match', 'Apps / Readers: no match', 'Apps / Off: skipped'];
      expect(outcomes(v, 'token')).toEqual(['scope read: note', ...tried, 'scope write: note', ...tried]);
      expect(ask(sim, 'Users').decision).toBe('allow');
    },
  );

  test(
    'fails: GIVEN an authorizer whose issuer or audience ' + "is not the server's WHEN a token is presented THEN 401",
    () => {
      const wrongIssuer = stack(
        (r) =>
          (r.aws_apigatewayv2_authorizer.jwt.jwt_configuration.issuer = 'https://other.example.com/oauth2/default'),
      );
      expect(ask(wrongIssuer, 'Users')).toMatchObject({ decision: 'deny', status: 401 });
      const wrongAudience = stack(
        (r) => (r.aws_apigatewayv2_authorizer.jwt.jwt_configuration.audience = ['api://other']),
      );
      const v = ask(wrongAudience, 'Users');
      expect(v).toMatchObject({ decision: 'deny', status: 401 });
      expect(v.reason).toContain('audience api://other');
    },
  );

  test('GIVEN a public route WHEN anyone calls it from anywhere THEN allowed without sign-in', () => {
    const sim = stack((r) => (r.okta_network_zone.blocked.usage = 'BLOCKLIST'));
    const v = ask(sim, 'Admins', 'GET /health', ctx(sim, { zones: ['country:KP'] }));
    expect(v).toMatchObject({ decision: 'allow', rank: 0, signIn: 'none (public route)' });
  });

  test('fails: GIVEN a group not assigned to the app WHEN it signs in THEN denied at assignment', () => {
    const sim = stack(
      (r) => (r.okta_app_group_assignments.app.group = [{ id: ref('okta_group', 'admins'), priority: 1 }]),
    );
    const v = ask(sim, 'Users');
    expect(v.reason).toBe('no token: not assigned to App');
    expect(outcomes(v, 'assignment')).toEqual(['App: deny']);
  });

  test('GIVEN a concrete request path WHEN routes have path variables THEN the matching route key is found', () => {
    const sim = stack();
    expect(sim.route('GET /items/42')?.routeKey).toBe('GET /items/{id}');
    expect(sim.route('DELETE /items/42')).toBeUndefined();
  });
});

describe('bad input', () => {
  const sim = stack();
  const problems = (input: Parameters<typeof parseContext>[1]) => parseContext(sim.model, input).problems.join('\n');

  test('fails: an unknown zone, risk level, authenticator or behaviour is refused with what exists', () => {
    expect(problems({ zones: ['Mars'] })).toBe(
      '--zone "Mars" is not a zone of identity-gateway-test; zones: ' +
        'Blocked, Corp, Tor; or unlisted, country:XX, tor, anonymizer',
    );
    expect(problems({ risk: 'EXTREME' })).toBe('--risk "EXTREME" is not a risk level; allowed: LOW, MEDIUM, HIGH');
    // Config names weakest first, then Okta's keys.
    expect(problems({ authenticators: ['yubikey'] })).toMatch(
      new RegExp(
        '^--authenticators "yubikey" is not an authenticator; ' +
          'allowed: password, (.+, )?okta-verify, webauthn, okta_password, ',
      ),
    );
    expect(problems({ behaviours: ['Odd'] })).toBe(
      '--behaviour "Odd" is not a behaviour of identity-gateway-test; behaviours: none',
    );
  });

  test('fails: a context contradicting itself is refused with the reason', () => {
    expect(problems({ device: ['unmanaged,managed'] })).toBe(
      '--device managed and unmanaged contradict each other: a device is managed or not',
    );
    expect(problems({ device: ['unregistered', 'managed'] })).toBe(
      '--device managed and unregistered contradict each other: Okta ' +
        'knows a device is managed only once Okta Verify registers it',
    );
    expect(problems({ device: ['desktop,ios'] })).toBe(
      '--device desktop and ios contradict each other: ios is a mobile OS',
    );
  });
});
