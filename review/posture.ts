/**
 * What a change means for security: compares the security views of two versions of a stack and says,
 * one plain sentence per item, what got stronger or weaker (MFA phases, authenticators, tiers, session
 * and token lifetimes, grants, redirect URIs, scopes, routes, CORS, throttling, log retention).
 */
import { ASSURANCE_LEVELS } from '../domain/okta/sign-on-constraints';
import { authenticatorOf } from '../domain/okta/authenticators';
import type { ResourceChange } from './diff';
import { adminSurfaceChanges } from './admin-surfaces';
import { lookupChanges } from './lookups';
import {
  minutes,
  type AccessRuleView,
  type AppView,
  type GroupCoverage,
  type MfaPhase,
  type RouteView,
  type SessionRuleView,
  type StackView,
  type TierView,
} from './view';

export type Direction = 'weaken' | 'strengthen' | 'neutral';

export interface PostureChange {
  readonly direction: Direction;
  /** mfa, admin, okta, tokens, apps, routes, cors, throttling, logging, authorizer, protection. */
  readonly area: string;
  /** What changed, e.g. `route GET /orders`. */
  readonly subject: string;
  /** One sentence a reviewer understands without knowing Terraform. */
  readonly sentence: string;
}

/** Security meaning of the differences between two views of the same stack. */
export function comparePosture(
  base: StackView,
  head: StackView,
  resources: readonly ResourceChange[] = [],
): PostureChange[] {
  const out: PostureChange[] = [];
  const add = (direction: Direction, area: string, subject: string, sentence: string) =>
    out.push({ direction, area, subject, sentence });

  mfaChanges(base, head, add);
  appChanges(base, head, add);
  ruleChanges(base.accessRules, head.accessRules, add);
  scopeChanges(base, head, add);
  routeChanges(base.routes, head.routes, add);
  apiChanges(base, head, add);
  logChanges(base, head, add);
  adminSurfaceChanges(base.adminSurfaces, head.adminSurfaces, add);
  lookupChanges(base.lookups, head.lookups, add);

  for (const r of resources) {
    const p = r.attributes.find((a) => a.path === 'lifecycle.prevent_destroy');
    if (r.kind === 'changed' && p && p.before === 'true' && p.after !== 'true') {
      add(
        'weaken',
        'protection',
        r.subject,
        `${r.subject} is no longer protected against deletion (prevent_destroy removed).`,
      );
    } else if (r.kind === 'changed' && p && p.before !== 'true' && p.after === 'true') {
      add('strengthen', 'protection', r.subject, `${r.subject} is now protected against deletion (prevent_destroy).`);
    }
  }
  return sortByDirection(out);
}

/** Weakenings first, then strengthenings, then neutral changes (stable within each). */
export function sortByDirection(changes: PostureChange[]): PostureChange[] {
  const rank: Record<Direction, number> = { weaken: 0, strengthen: 1, neutral: 2 };
  return changes.sort((a, b) => rank[a.direction] - rank[b.direction]);
}

type Add = (direction: Direction, area: string, subject: string, sentence: string) => void;

/** What enabling or disabling an authenticator does to sign-in, for the review sentence. */
function authenticatorEffect(enabled: boolean, weakens: boolean): string {
  if (!weakens) return '';
  return enabled ? ': people may now sign in with a weak factor' : ': people lose a strong way to prove who they are';
}

/** What a change of sign-in assurance means for people signing in, by direction. */
const DIRECTION_EFFECT: Partial<Record<Direction, string>> = {
  weaken: ', which asks less of people signing in',
  strengthen: ', which asks more of people signing in',
};

const list = (xs: readonly string[]) =>
  `${xs
    .slice(0, LISTED)
    .map((x) => `\`${x}\``)
    .join(', ')}${xs.length > LISTED ? ` and ${xs.length - LISTED} more` : ''}`;
/** Names listed in a sentence before the rest is counted (the JSON's structured fields hold them all). */
const LISTED = 12;
/** `a`, `a and b`, `a, b and c`; past LISTED names, `a, b, ... and 30 more`. */
const andList = (xs: readonly string[]) =>
  xs.length > LISTED
    ? `${xs.slice(0, LISTED).join(', ')} and ${xs.length - LISTED} more`
    : xs.length <= 1
      ? (xs[0] ?? '')
      : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
/** Values as code spans, joined in words: `` `a`, `b` and `c` ``. */
const codes = (xs: readonly string[]) => andList(xs.map((x) => `\`${x}\``));
/** `the refresh_token grant`, `the implicit and password grants`. */
const grants = (gs: readonly string[]) => `the ${codes(gs)} grant${gs.length === 1 ? '' : 's'}`;
/** `group "A"`, `groups "A" and "B"`. */
const groupWords = (gs: readonly string[]) =>
  `${gs.length === 1 ? 'group' : 'groups'} ${andList(gs.map((g) => `"${g}"`))}`;
/** `the scope a`, `the scopes a and b`. */
const scopeWords = (ss: readonly string[]) => `${ss.length === 1 ? 'the scope' : 'the scopes'} ${codes(ss)}`;
const gained = <T>(before: readonly T[], after: readonly T[]) => after.filter((x) => !before.includes(x));
const lost = <T>(before: readonly T[], after: readonly T[]) => before.filter((x) => !after.includes(x));

function byKey<T>(xs: readonly T[], key: (x: T) => string): Map<string, T> {
  return new Map(xs.map((x) => [key(x), x]));
}

function pairs<T>(
  base: readonly T[],
  head: readonly T[],
  key: (x: T) => string,
): { both: [T, T][]; added: T[]; removed: T[] } {
  const b = byKey(base, key);
  const h = byKey(head, key);
  return {
    both: [...h.entries()].filter(([k]) => b.has(k)).map(([k, v]) => [b.get(k)!, v] as [T, T]),
    added: [...h.entries()].filter(([k]) => !b.has(k)).map(([, v]) => v),
    removed: [...b.entries()].filter(([k]) => !h.has(k)).map(([, v]) => v),
  };
}

/** Longer lifetime = weaker; `0` or unset session lifetime means no limit. */
function lifetime(
  add: Add,
  area: string,
  subject: string,
  what: string,
  before: number | undefined,
  after: number | undefined,
  consequence: string,
): void {
  if (before === after) return;
  const b = before === 0 || before === undefined ? Number.POSITIVE_INFINITY : before;
  const a = after === 0 || after === undefined ? Number.POSITIVE_INFINITY : after;
  if (a === b) return;
  const words = (n: number) => (n === Number.POSITIVE_INFINITY ? 'no limit' : minutes(n));
  const factor =
    Number.isFinite(a) && Number.isFinite(b) && b > 0
      ? a / b === 2
        ? ' (doubled)'
        : a / b === 0.5
          ? ' (halved)'
          : ''
      : '';
  if (a > b) add('weaken', area, subject, `${what} is now ${words(a)}, was ${words(b)}${factor}: ${consequence}.`);
  else add('strengthen', area, subject, `${what} is now ${words(a)}, was ${words(b)}${factor}.`);
}

function mfaChanges(base: StackView, head: StackView, add: Add): void {
  const phaseRank: Record<MfaPhase, number> = { none: 0, enrollment: 1, enforced: 2 };
  const phaseWords: Record<MfaPhase, string> = {
    none: 'not in the MFA rollout',
    enrollment: 'asked to enroll an authenticator but not required to use it at sign-in',
    enforced: 'required to use MFA at sign-in',
  };
  // Groups that make the same move share one sentence.
  const moves = new Map<string, { direction: Direction; groups: string[]; sentence: (who: string) => string }>();
  const move = (key: string, direction: Direction, group: string, sentence: (who: string) => string) => {
    const m = moves.get(key) ?? { direction, groups: [], sentence };
    m.groups.push(group);
    moves.set(key, m);
  };
  const cov = pairs(base.mfa.coverage, head.mfa.coverage, (c) => c.group);
  for (const [b, h] of cov.both) {
    const access = signInMove(b, h);
    if (phaseRank[h.phase] < phaseRank[b.phase])
      move(`${b.phase}>${h.phase}${access}`, 'weaken', h.group, (who) => {
        return `People in ${who} are no longer ${phaseWords[b.phase]}; they are now ${phaseWords[h.phase]}${access}.`;
      });
    else if (phaseRank[h.phase] > phaseRank[b.phase])
      move(`${b.phase}<${h.phase}${access}`, 'strengthen', h.group, (who) => {
        return `People in ${who} are now ${phaseWords[h.phase]} (were ${phaseWords[b.phase]})${access}.`;
      });
  }
  for (const b of cov.removed)
    if (b.phase !== 'none')
      move(`${b.phase}>gone`, 'weaken', b.group, (who) => {
        return `People in ${who} are no longer ${phaseWords[b.phase]}; the rollout no longer covers them.`;
      });
  for (const h of cov.added)
    if (h.phase !== 'none')
      move(`new>${h.phase}`, 'strengthen', h.group, (who) => `People in ${who} are now ${phaseWords[h.phase]}.`);
  for (const m of moves.values())
    add(
      m.direction,
      'mfa',
      `group${m.groups.length === 1 ? '' : 's'} ${m.groups.join(', ')}`,
      m.sentence(groupWords(m.groups)),
    );

  const auth = pairs(base.mfa.authenticators, head.mfa.authenticators, (a) => a.key);
  const active = (s: string) => s !== 'INACTIVE';
  for (const [b, h] of auth.both) {
    if (active(b.status) === active(h.status)) continue;
    const enabled = active(h.status);
    const weakens = enabled ? h.strength === 'weak' : h.strength !== 'weak';
    add(
      weakens ? 'weaken' : 'strengthen',
      'mfa',
      `authenticator ${h.key}`,
      `The ${h.strength} authenticator "${h.name}" is now ` +
        `${enabled ? 'enabled' : 'disabled'}${authenticatorEffect(enabled, weakens)}.`,
    );
  }
  // Authenticators exist in every org; a new okta_authenticator starts managing one that may already be on.
  for (const h of auth.added) {
    if (!active(h.status)) {
      // Managed as INACTIVE from the start: it turns off one that Okta ships ACTIVE (security questions).
      if (authenticatorOf(h.key)?.oktaDefaultStatus !== 'ACTIVE') continue;
      const weakens = h.strength !== 'weak';
      add(
        weakens ? 'weaken' : 'strengthen',
        'mfa',
        `authenticator ${h.key}`,
        `The ${h.strength} authenticator "${h.name}" is now managed here, as INACTIVE: Okta ships it ACTIVE, so ` +
          `an org that kept the default turns it off${authenticatorEffect(false, weakens)}.`,
      );
      continue;
    }
    if (h.strength === 'weak')
      add(
        'neutral',
        'mfa',
        `authenticator ${h.key}`,
        `The ${h.strength} authenticator "${h.name}" is now managed here, as ACTIVE.`,
      );
    else
      add(
        'strengthen',
        'mfa',
        `authenticator ${h.key}`,
        `The ${h.strength} authenticator "${h.name}" is now managed here and enabled.`,
      );
  }
  for (const b of auth.removed) {
    add(
      'neutral',
      'mfa',
      `authenticator ${b.key}`,
      `The authenticator "${b.name}" is no longer managed here; Okta ` +
        `cannot delete authenticators, so it keeps its current state.`,
    );
  }

  for (const [b, h] of pairs(base.mfa.enrollment, head.mfa.enrollment, (p) => p.name).both) {
    for (const k of lost(b.required, h.required))
      add(
        'weaken',
        'mfa',
        `enrollment policy ${h.name}`,
        `Enrollment policy "${h.name}" no longer requires people to enroll ${k}.`,
      );
    for (const k of gained(b.required, h.required))
      add(
        'strengthen',
        'mfa',
        `enrollment policy ${h.name}`,
        `Enrollment policy "${h.name}" now requires people to enroll ${k}.`,
      );
  }

  const promptRank: Record<string, number> = { DEVICE: 0, SESSION: 1, ALWAYS: 2 };
  for (const [b, h] of pairs(base.mfa.sessionRules, head.mfa.sessionRules, (r) => r.key).both)
    sessionRule(b, h, promptRank, add);

  const tiers = pairs(base.mfa.tiers, head.mfa.tiers, (t) => t.name);
  for (const [b, h] of tiers.both) tier(b, h, add);
}

/**
 * What a wave move does to a group's sign-in to Okta (simulated, ordinary context), when it changes it; its apps'
 * routes are the access items' to tell.
 */
function signInMove(b: GroupCoverage, h: GroupCoverage): string {
  if (b.oktaSignIn === h.oktaSignIn) return '';
  const apps = h.appSignIns.length === 0 ? '; no app of this stack is assigned to them' : '';
  return `: they now sign in to Okta with ${h.oktaSignIn} (was ${b.oktaSignIn}; simulated, ordinary context)${apps}`;
}

function sessionRule(b: SessionRuleView, h: SessionRuleView, promptRank: Record<string, number>, add: Add): void {
  const subject = `sign-on rule ${h.key}`;
  const who = h.groups.length > 0 ? `people in ${h.groups.map((g) => `"${g}"`).join(', ')}` : 'people it applies to';
  if (b.access === 'DENY' && h.access !== 'DENY')
    add('weaken', 'mfa', subject, `Global session rule "${h.key}" now lets ${who} sign in (it denied them before).`);
  if (b.mfaRequired && !h.mfaRequired)
    add('weaken', 'mfa', subject, `Global session rule "${h.key}" no longer requires MFA for ${who}.`);
  if (!b.mfaRequired && h.mfaRequired)
    add('strengthen', 'mfa', subject, `Global session rule "${h.key}" now requires MFA for ${who}.`);
  if (
    b.mfaPrompt &&
    h.mfaPrompt &&
    promptRank[h.mfaPrompt] !== undefined &&
    promptRank[b.mfaPrompt] !== undefined &&
    promptRank[h.mfaPrompt] !== promptRank[b.mfaPrompt]
  ) {
    const weaker = promptRank[h.mfaPrompt] < promptRank[b.mfaPrompt];
    add(
      weaker ? 'weaken' : 'strengthen',
      'mfa',
      subject,
      `Global session rule "${h.key}" now asks for MFA ` +
        `${h.mfaPrompt.toLowerCase()} (was ${b.mfaPrompt.toLowerCase()}).`,
    );
  }
  lifetime(
    add,
    'mfa',
    subject,
    `The time before ${who} must repeat MFA (rule "${h.key}")`,
    b.mfaLifetimeMinutes,
    h.mfaLifetimeMinutes,
    'a stolen session stays useful longer',
  );
  lifetime(
    add,
    'mfa',
    subject,
    `The maximum session length for ${who} (rule "${h.key}")`,
    b.sessionLifetimeMinutes,
    h.sessionLifetimeMinutes,
    'a stolen session stays useful longer',
  );
  lifetime(
    add,
    'mfa',
    subject,
    `The idle timeout for ${who} (rule "${h.key}")`,
    b.sessionIdleMinutes,
    h.sessionIdleMinutes,
    'an unattended session stays open longer',
  );
  if (!b.sessionPersistent && h.sessionPersistent)
    add('weaken', 'mfa', subject, `Sessions of ${who} now survive closing the browser (rule "${h.key}").`);
  if (b.sessionPersistent && !h.sessionPersistent)
    add('strengthen', 'mfa', subject, `Sessions of ${who} now end when the browser closes (rule "${h.key}").`);
}

function tier(b: TierView, h: TierView, add: Add): void {
  const subject = `sign-on tier ${h.name}`;
  const needs = (t: TierView) =>
    t.rules
      .filter((r) => r.access !== 'DENY' && r.status !== 'INACTIVE')
      .map((r) => r.requires)
      .join('; ') || 'nothing (no rule allows access)';
  const words = (t: TierView) => new Set(needs(t).split(/[,;] /));
  const dropped = [...words(b)].filter((w) => !words(h).has(w) && !/^re-authenticate/.test(w));
  const added = [...words(h)].filter((w) => !words(b).has(w) && !/^re-authenticate/.test(w));
  if (h.assurance < b.assurance) {
    const allowing = (t: TierView) => t.rules.filter((r) => r.access !== 'DENY' && r.status !== 'INACTIVE');
    const before = new Map(allowing(b).map((r) => [r.name, r]));
    const weaker = allowing(h).filter(
      (r) => r.assurance < b.assurance && (before.get(r.name)?.assurance ?? Number.POSITIVE_INFINITY) > r.assurance,
    );
    const why = weaker.length
      ? weaker
          .map((r) => {
            const was = before.get(r.name);
            if (!was) return `new rule "${r.name}" lets people in with ${r.requires}`;
            const lost = was.requires
              .split(', ')
              .filter((w) => !r.requires.split(', ').includes(w) && !/^re-authenticate/.test(w));
            return lost.length
              ? `rule "${r.name}" no longer requires ${lost.join(', ')}`
              : `rule "${r.name}" now needs only ${r.requires} (was ${was.requires})`;
          })
          .join('; ')
      : dropped.length
        ? `it no longer requires ${dropped.join(', ')}`
        : `${needs(h)} (was ${needs(b)})`;
    add('weaken', 'mfa', subject, `App sign-on tier "${h.name}" now accepts weaker sign-ins: ${why}.`);
  }
  if (h.assurance > b.assurance) {
    add(
      'strengthen',
      'mfa',
      subject,
      added.length
        ? `App sign-on tier "${h.name}" now also requires ${added.join(', ')}.`
        : `App sign-on tier "${h.name}" now requires stronger sign-ins: ${needs(h)} (was ${needs(b)}).`,
    );
  }
  for (const [br, hr] of pairs(b.rules, h.rules, (r) => r.name).both) {
    lifetime(
      add,
      'mfa',
      subject,
      `Re-authentication in tier "${h.name}" (rule "${hr.name}")`,
      br.reauthenticateMinutes,
      hr.reauthenticateMinutes,
      'people prove who they are less often',
    );
    lifetime(
      add,
      'mfa',
      subject,
      `The inactivity timeout in tier "${h.name}" (rule "${hr.name}")`,
      br.inactivityMinutes,
      hr.inactivityMinutes,
      'an unattended session stays open longer',
    );
  }
}

function appChanges(base: StackView, head: StackView, add: Add): void {
  const tiers = (v: StackView) => new Map(v.mfa.tiers.map((t) => [t.name, t]));
  const baseTiers = tiers(base);
  const headTiers = tiers(head);
  const p = pairs(base.apps, head.apps, (a) => a.key);
  // An app whose key (construct id) changed is still the same app to its users: pair it by label.
  for (const h of [...p.added]) {
    const b = p.removed.find((x) => x.label === h.label);
    if (!b) continue;
    p.both.push([b, h]);
    p.added.splice(p.added.indexOf(h), 1);
    p.removed.splice(p.removed.indexOf(b), 1);
  }
  for (const h of p.added) {
    add(
      'neutral',
      'apps',
      `app ${h.label}`,
      `New app "${h.label}" (${h.type}) may use ` +
        `${list(h.grantTypes)}${h.scopes.length ? ` and obtain ${list(h.scopes)}` : ''}.`,
    );
  }
  for (const b of p.removed)
    add('neutral', 'apps', `app ${b.label}`, `App "${b.label}" is removed: its users and callers lose access.`);
  const explained = ruleScopeChanges(base.accessRules, head.accessRules);
  for (const [b, h] of p.both) app(b, h, baseTiers, headTiers, explained, add);
}

function app(
  b: AppView,
  h: AppView,
  baseTiers: Map<string, TierView>,
  headTiers: Map<string, TierView>,
  explained: ReadonlySet<string>,
  add: Add,
): void {
  const s = `app ${h.label}`;
  const name = `App "${h.label}"`;
  const each = <T>(xs: readonly T[], sentence: (xs: readonly T[]) => string, direction: Direction) => {
    if (xs.length) add(direction, 'apps', s, sentence(xs));
  };
  const who = name.replace('App ', '');
  each(gained(b.grantTypes, h.grantTypes), (gs) => `${name} may now obtain tokens with ${grants(gs)}.`, 'weaken');
  each(lost(b.grantTypes, h.grantTypes), (gs) => `${name} may no longer use ${grants(gs)}.`, 'strengthen');
  each(
    gained(b.redirectUris, h.redirectUris),
    (us) => `${name} may now send sign-in results to ${codes(us)}.`,
    'weaken',
  );
  each(
    lost(b.redirectUris, h.redirectUris),
    (us) => `${name} no longer sends sign-in results to ${codes(us)}.`,
    'strengthen',
  );
  each(
    gained(b.trustedOrigins, h.trustedOrigins),
    (os) => `Web pages on ${codes(os)} are now trusted by Okta for ${name} (CORS and redirects).`,
    'weaken',
  );
  each(
    lost(b.trustedOrigins, h.trustedOrigins),
    (os) => `Web pages on ${codes(os)} are no longer trusted by Okta for ${name}.`,
    'strengthen',
  );
  // A scope a rule of its policy now grants (or no longer grants) is said once, with the rule.
  each(
    gained(b.scopes, h.scopes).filter((sc) => !explained.has(`${h.label}|+${sc}`)),
    (ss) => `${name} can now obtain tokens carrying ${scopeWords(ss)}.`,
    'weaken',
  );
  each(
    lost(b.scopes, h.scopes).filter((sc) => !explained.has(`${h.label}|-${sc}`)),
    (ss) => `${name} can no longer obtain ${scopeWords(ss)}.`,
    'strengthen',
  );
  each(gained(b.groups, h.groups), (gs) => `People in ${groupWords(gs)} can now sign in to ${who}.`, 'weaken');
  each(lost(b.groups, h.groups), (gs) => `People in ${groupWords(gs)} can no longer sign in to ${who}.`, 'strengthen');
  if (b.pkceRequired === true && h.pkceRequired !== true)
    add('weaken', 'apps', s, `${name} no longer requires PKCE, so an intercepted authorization code can be redeemed.`);
  if (b.pkceRequired !== true && h.pkceRequired === true) add('strengthen', 'apps', s, `${name} now requires PKCE.`);
  if (
    b.refreshTokenRotation === 'ROTATE' &&
    h.refreshTokenRotation !== 'ROTATE' &&
    h.grantTypes.includes('refresh_token')
  )
    add('weaken', 'apps', s, `${name} no longer rotates refresh tokens, so a stolen refresh token keeps working.`);
  if (b.omitSecret === true && h.omitSecret !== true)
    add('weaken', 'apps', s, `${name} now gets a client secret, which is stored in Terraform state.`);
  if (b.implicitAssignment !== true && h.implicitAssignment === true)
    add('weaken', 'apps', s, `${name} is now assigned to everyone in the org implicitly.`);
  const authRank: Record<string, number> = {
    none: 0,
    client_secret_basic: 1,
    client_secret_post: 1,
    client_secret_jwt: 2,
    private_key_jwt: 3,
  };
  if (b.tokenEndpointAuthMethod !== h.tokenEndpointAuthMethod && b.type === h.type) {
    const [rb, rh] = [authRank[b.tokenEndpointAuthMethod ?? ''] ?? 0, authRank[h.tokenEndpointAuthMethod ?? ''] ?? 0];
    add(
      rh < rb ? 'weaken' : rh > rb ? 'strengthen' : 'neutral',
      'apps',
      s,
      `${name} now authenticates to Okta with ${h.tokenEndpointAuthMethod ?? 'the default method'} ` +
        `(was ${b.tokenEndpointAuthMethod ?? 'the default method'}).`,
    );
  }
  if (b.type !== h.type) add('neutral', 'apps', s, `${name} changes type from ${b.type} to ${h.type}.`);
  if (b.tier !== h.tier) {
    const bt = b.tier ? baseTiers.get(b.tier) : undefined;
    const ht = h.tier ? headTiers.get(h.tier) : undefined;
    const ba = bt?.assurance ?? 0;
    const ha = ht?.assurance ?? 0;
    const from = b.tier ? `"${b.tier}"` : "the org's default policy";
    const to = h.tier ? `"${h.tier}"` : "the org's default policy";
    const dir: Direction = ha < ba ? 'weaken' : ha > ba ? 'strengthen' : 'neutral';
    add(dir, 'mfa', s, `${name} moves from sign-on tier ${from} to ` + `${to}${DIRECTION_EFFECT[dir] ?? ''}.`);
  }
}

function ruleChanges(base: readonly AccessRuleView[], head: readonly AccessRuleView[], add: Add): void {
  const p = pairs(base, head, (r) => r.key);
  for (const h of p.added) {
    add(
      'neutral',
      'tokens',
      `access rule ${h.key}`,
      `New access rule "${h.key}" grants ${list(h.scopes)} to ` +
        `${h.groups.map((g) => `"${g}"`).join(', ')} for ${minutes(h.accessTokenLifetimeMinutes)} per token.`,
    );
  }
  for (const b of p.removed) add('neutral', 'tokens', `access rule ${b.key}`, `Access rule "${b.key}" is removed.`);
  for (const [b, h] of p.both) {
    const s = `access rule ${h.key}`;
    const consequence = 'a stolen token keeps working longer';
    lifetime(
      add,
      'tokens',
      s,
      `The access-token lifetime of rule "${h.key}"`,
      b.accessTokenLifetimeMinutes,
      h.accessTokenLifetimeMinutes,
      consequence,
    );
    lifetime(
      add,
      'tokens',
      s,
      `The refresh-token lifetime of rule "${h.key}"`,
      b.refreshTokenLifetimeMinutes,
      h.refreshTokenLifetimeMinutes,
      'people stay signed in longer without proving who they are',
    );
    lifetime(
      add,
      'tokens',
      s,
      `The refresh-token idle window of rule "${h.key}"`,
      b.refreshTokenWindowMinutes,
      h.refreshTokenWindowMinutes,
      'an unused refresh token stays valid longer',
    );
    const each = (xs: readonly string[], direction: Direction, sentence: (xs: readonly string[]) => string) => {
      if (xs.length) add(direction, 'tokens', s, sentence(xs));
    };
    const to = h.clients.length ? ` to ${andList(h.clients)}` : '';
    each(
      gained(b.grantTypes, h.grantTypes),
      'weaken',
      (gs) => `Access rule "${h.key}" now also issues tokens for ${grants(gs)}.`,
    );
    each(
      lost(b.grantTypes, h.grantTypes),
      'strengthen',
      (gs) => `Access rule "${h.key}" no longer issues tokens for ${grants(gs)}.`,
    );
    each(
      gained(b.groups, h.groups),
      'weaken',
      (gs) => `People in ${groupWords(gs)} can now get tokens from rule "${h.key}" (${list(h.scopes)}).`,
    );
    each(
      lost(b.groups, h.groups),
      'strengthen',
      (gs) => `People in ${groupWords(gs)} can no longer get tokens from rule "${h.key}".`,
    );
    each(gained(b.scopes, h.scopes), 'weaken', (ss) => `Access rule "${h.key}" now grants ${scopeWords(ss)}${to}.`);
    each(
      lost(b.scopes, h.scopes),
      'strengthen',
      (ss) => `Access rule "${h.key}" no longer grants ${scopeWords(ss)}${to}.`,
    );
  }
}

/** `<app label>|+<scope>` (and `|-`) for every scope a rule in both versions gains (loses) for one of its apps. */
function ruleScopeChanges(base: readonly AccessRuleView[], head: readonly AccessRuleView[]): Set<string> {
  const out = new Set<string>();
  for (const [b, h] of pairs(base, head, (r) => r.key).both) {
    for (const sc of gained(b.scopes, h.scopes)) for (const a of h.clients) out.add(`${a}|+${sc}`);
    for (const sc of lost(b.scopes, h.scopes)) for (const a of h.clients) out.add(`${a}|-${sc}`);
  }
  return out;
}

function routeChanges(base: readonly RouteView[], head: readonly RouteView[], add: Add): void {
  const p = pairs(base, head, (r) => r.routeKey);
  for (const h of p.added) {
    if (h.public)
      add(
        'weaken',
        'routes',
        `route ${h.routeKey}`,
        `New public route \`${h.routeKey}\`: anyone on the internet ` +
          `can call it without a token (it calls \`${h.integration}\`).`,
      );
    else
      add(
        'neutral',
        'routes',
        `route ${h.routeKey}`,
        `New route \`${h.routeKey}\` requires a token with one of ${list(h.scopes)} (it calls \`${h.integration}\`).`,
      );
  }
  for (const b of p.removed)
    add('neutral', 'routes', `route ${b.routeKey}`, `Route \`${b.routeKey}\` is removed; callers get 404.`);
  for (const [b, h] of p.both) {
    const s = `route ${h.routeKey}`;
    if (!b.public && h.public)
      add(
        'weaken',
        'routes',
        s,
        `Route \`${h.routeKey}\` no longer requires a token: anyone on the internet can call it.`,
      );
    else if (b.public && !h.public)
      add('strengthen', 'routes', s, `Route \`${h.routeKey}\` now requires a token with one of ${list(h.scopes)}.`);
    else if (!h.public) {
      if (h.scopes.length === 0 && b.scopes.length > 0) {
        add(
          'weaken',
          'routes',
          s,
          `Route \`${h.routeKey}\` no longer requires any scope, so any valid token (even an ID token) gets in.`,
        );
      } else {
        for (const sc of gained(b.scopes, h.scopes))
          add(
            'weaken',
            'routes',
            s,
            `Route \`${h.routeKey}\` now also accepts tokens with the scope ` +
              `\`${sc}\` (any one listed scope suffices, so more callers get in).`,
          );
        for (const sc of lost(b.scopes, h.scopes))
          add(
            'strengthen',
            'routes',
            s,
            `Route \`${h.routeKey}\` no longer accepts tokens whose only matching scope is \`${sc}\`.`,
          );
      }
    }
    if (b.integration !== h.integration)
      add('neutral', 'routes', s, `Route \`${h.routeKey}\` now calls \`${h.integration}\` (was \`${b.integration}\`).`);
    // Routes on the stage default are covered by the API-wide item.
    if (b.throttling?.source === 'route' || h.throttling?.source === 'route')
      throttle(add, s, `Route \`${h.routeKey}\``, b.throttling, h.throttling);
  }
}

function throttle(
  add: Add,
  subject: string,
  name: string,
  b: { readonly burstLimit?: number; readonly rateLimit?: number } | undefined,
  h: { readonly burstLimit?: number; readonly rateLimit?: number } | undefined,
): void {
  const inf = (n: number | undefined) => n ?? Number.POSITIVE_INFINITY;
  const words = (t: typeof b) => `${t?.rateLimit ?? 'unlimited'} requests/s, bursts of ${t?.burstLimit ?? 'unlimited'}`;
  const up = inf(h?.rateLimit) > inf(b?.rateLimit) || inf(h?.burstLimit) > inf(b?.burstLimit);
  const down = inf(h?.rateLimit) < inf(b?.rateLimit) || inf(h?.burstLimit) < inf(b?.burstLimit);
  if (!up && !down) return;
  if (up && !down)
    add(
      'weaken',
      'throttling',
      subject,
      `${name} now allows ${words(h)} (was ${words(b)}), so floods and credential stuffing hit the back end harder.`,
    );
  else if (down && !up) add('strengthen', 'throttling', subject, `${name} now allows ${words(h)} (was ${words(b)}).`);
  else add('neutral', 'throttling', subject, `${name} throttling is now ${words(h)} (was ${words(b)}).`);
}

function apiChanges(base: StackView, head: StackView, add: Add): void {
  const b = base.api;
  const h = head.api;
  if (!b || !h) return;
  for (const o of gained(b.corsOrigins, h.corsOrigins))
    add('weaken', 'cors', `CORS origin ${o}`, `Browser pages on \`${o}\` may now call the API (CORS).`);
  for (const o of lost(b.corsOrigins, h.corsOrigins))
    add('strengthen', 'cors', `CORS origin ${o}`, `Browser pages on \`${o}\` may no longer call the API (CORS).`);
  if (!b.corsCredentials && h.corsCredentials)
    add(
      'weaken',
      'cors',
      'CORS credentials',
      'Browsers may now send cookies and credentials with cross-origin API calls.',
    );
  if (b.corsCredentials && !h.corsCredentials)
    add(
      'strengthen',
      'cors',
      'CORS credentials',
      'Browsers no longer send cookies and credentials with cross-origin API calls.',
    );
  if (b.issuer !== h.issuer)
    add(
      'neutral',
      'authorizer',
      'JWT issuer',
      `The API now trusts tokens issued by ${h.issuer ?? '(nothing)'} (was ${b.issuer ?? '(nothing)'}).`,
    );
  if (b.audience !== h.audience)
    add(
      'neutral',
      'authorizer',
      'JWT audience',
      `The API now requires the audience ${h.audience ?? '(none)'} (was ${b.audience ?? '(none)'}).`,
    );
  throttle(
    add,
    'API default throttling',
    'Every route without its own limit',
    b.defaultThrottling,
    h.defaultThrottling,
  );
}

function logChanges(base: StackView, head: StackView, add: Add): void {
  for (const [b, h] of pairs(base.logGroups, head.logGroups, (g) => g.name).both) {
    const s = `log group ${h.name}`;
    const days = (n: number | undefined) => (n === undefined || n === 0 ? 'forever' : `${n} days`);
    const bd = b.retentionDays || Number.POSITIVE_INFINITY;
    const hd = h.retentionDays || Number.POSITIVE_INFINITY;
    if (hd < bd)
      add(
        'weaken',
        'logging',
        s,
        `Logs in ${h.name} are now kept ${days(h.retentionDays)} (was ` +
          `${days(b.retentionDays)}), leaving less history to investigate incidents.`,
      );
    if (hd > bd)
      add(
        'strengthen',
        'logging',
        s,
        `Logs in ${h.name} are now kept ${days(h.retentionDays)} (was ${days(b.retentionDays)}).`,
      );
    if (b.kmsKey && !h.kmsKey)
      add('weaken', 'logging', s, `Logs in ${h.name} are no longer encrypted with the customer-managed KMS key.`);
    if (!b.kmsKey && h.kmsKey)
      add('strengthen', 'logging', s, `Logs in ${h.name} are now encrypted with a customer-managed KMS key.`);
  }
}

function scopeChanges(base: StackView, head: StackView, add: Add): void {
  const rank = (level: string | undefined) =>
    level === undefined ? -1 : (ASSURANCE_LEVELS as readonly string[]).indexOf(level);
  for (const [b, h] of pairs(base.scopes, head.scopes, (s) => s.name).both) {
    if (rank(h.requiredAssurance) < rank(b.requiredAssurance)) {
      add(
        'weaken',
        'mfa',
        `scope ${h.name}`,
        `Tokens with the scope ${h.name} no longer need a ${b.requiredAssurance} ` +
          `sign-in${h.requiredAssurance ? ` (now ${h.requiredAssurance})` : ''}.`,
      );
    } else if (rank(h.requiredAssurance) > rank(b.requiredAssurance)) {
      add(
        'strengthen',
        'mfa',
        `scope ${h.name}`,
        `Tokens with the scope ${h.name} now need a ${h.requiredAssurance} sign-in.`,
      );
    }
  }
}
