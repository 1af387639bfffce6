/**
 * Okta's own admin surfaces in the review and the posture report: the rule the stack adds to each looked-up
 * policy for administrators (who it covers, whom it exempts, whether it takes only a device-bound,
 * hardware-protected phishing-resistant factor), the break-glass accounts' own rule (password + hardware key),
 * the admin roles the stack binds, and the break-glass group (members, allowed size, whether its sign-ins alert).
 * Dropping or weakening a rule, a synced passkey accepted again, break-glass losing its own rule or widening, and
 * an admin role granted are "weakens" sentences.
 */
import { constraintsOf, isoMinutes, requiresPhishingResistant, str } from '../synthesized/facts';
import type { RecordedBreakGlass } from '../synthesized/declarations';
import type { StackModel, TfResource } from '../synthesized/model';
import { EVERYONE, ReadModel } from '../synthesized/read-model';
import { BREAK_GLASS_MAX_MEMBERS } from '../domain/okta/admin-surfaces';
import { classInForce, requiresHardwareBound } from '../domain/okta/sign-on-constraints';
import type { Json } from '../synthesized/model';

export interface AdminSurfaceView {
  /** The app's label, e.g. `Okta Admin Console`. */
  readonly label: string;
  /** Whether every administrators' allow rule requires phishing-resistant possession (and there is one). */
  readonly phishingResistant: boolean;
  /** Whether it is also device-bound and hardware-protected (no synced passkey). */
  readonly hardwareBound: boolean;
  /** Groups the administrators' rules cover (Everyone when a rule names none). */
  readonly groups: readonly string[];
  /** Groups the administrators' rules exempt. */
  readonly exempt: readonly string[];
  /** How many administrators' allow rules the stack adds to the surface's policy. */
  readonly allowRules: number;
  /** The break-glass accounts' own rule, when there is one. */
  readonly breakGlass?: BreakGlassRuleView;
}

/** The break-glass accounts' own rule on a surface. */
export interface BreakGlassRuleView {
  /** The groups it admits. */
  readonly groups: readonly string[];
  /** Whether it requires the password and a hardware-protected, device-bound phishing-resistant factor. */
  readonly hardwareKey: boolean;
  /** Its re-authentication interval, minutes (as written). */
  readonly reauthenticateMinutes?: number;
}

/** An admin role the stack binds to a group. */
export interface AdminRoleView {
  readonly group: string;
  readonly role: string;
}

export interface AdminSurfacesView {
  readonly surfaces: readonly AdminSurfaceView[];
  readonly breakGlass?: RecordedBreakGlass;
  /** The admin roles the stack binds (okta_group_role), by group then role. */
  readonly roles: readonly AdminRoleView[];
}

const every = (rules: readonly TfResource[], test: (c: { [key: string]: Json }) => boolean): boolean =>
  rules.length > 0 &&
  rules.every((r) => {
    const cs = constraintsOf(r);
    return cs.length > 0 && cs.every((c) => c.value !== undefined && test(c.value));
  });

/** The longest of some intervals; undefined when any is unset (the provider's default applies). */
const longest = (xs: readonly (number | undefined)[]): number | undefined =>
  xs.some((x) => x === undefined) ? undefined : Math.max(...(xs as number[]));

/** The admin-surface part of a stack's security view. */
export function adminSurfacesView(model: StackModel): AdminSurfacesView {
  const read = ReadModel.of(model);
  const surfaces = read.adminSurfaces.map((s): AdminSurfaceView => {
    const bg = s.breakGlassRules;
    return {
      label: s.label,
      phishingResistant: every(s.adminRules, requiresPhishingResistant),
      hardwareBound: every(s.adminRules, requiresHardwareBound),
      groups: s.adminRules.length === 0 ? [] : s.coverage.groups,
      exempt: s.coverage.exempt,
      allowRules: s.adminRules.length,
      ...(bg.length
        ? {
            breakGlass: {
              groups: s.coverage.breakGlass,
              hardwareKey: every(bg, (c) => classInForce(c, 'knowledge') !== undefined && requiresHardwareBound(c)),
              reauthenticateMinutes: longest(bg.map((r) => isoMinutes(str(r.attrs.re_authentication_frequency)))),
            },
          }
        : {}),
    };
  });
  const roles = read.adminRoles
    .map((r) => ({ group: r.group, role: r.role }))
    .sort((a, b) => a.group.localeCompare(b.group) || a.role.localeCompare(b.role));
  return { surfaces, breakGlass: model.declarations.breakGlass, roles };
}

type Add = (direction: 'weaken' | 'strengthen' | 'neutral', area: string, subject: string, sentence: string) => void;
const quoted = (xs: readonly string[]) => xs.map((x) => `\`${x}\``).join(', ');
const minus = (a: readonly string[], b: readonly string[]) => a.filter((x) => !b.includes(x));
const HARDWARE =
  'a device-bound, hardware-protected phishing-resistant factor (a hardware key or Okta Verify FastPass)';

/** What changed on the admin surfaces between two versions, one sentence each. */
export function adminSurfaceChanges(base: AdminSurfacesView, head: AdminSurfacesView, add: Add): void {
  for (const b of base.surfaces) {
    const h = head.surfaces.find((s) => s.label === b.label);
    const subject = b.label;
    if (!h || (b.phishingResistant && !h.phishingResistant)) {
      add(
        'weaken',
        'admin',
        subject,
        `${b.label} no longer requires a phishing-resistant factor from ${quoted(b.groups)}` +
          `${h?.allowRules ? '' : ' (the rule is gone)'}: its own policy decides how administrators sign in.`,
      );
    } else {
      hardwareChange(b, h, add);
      coverageChanges(b, h, add);
    }
    breakGlassRuleChange(b, h, add);
  }
  for (const h of head.surfaces.filter((s) => !base.surfaces.some((b) => b.label === s.label))) {
    if (h.phishingResistant)
      add(
        'strengthen',
        'admin',
        h.label,
        `${h.label} now requires ${h.hardwareBound ? HARDWARE : 'a phishing-resistant factor'} from ` +
          `${quoted(h.groups)}.`,
      );
    breakGlassRuleChange(undefined, h, add);
  }
  roleChanges(base.roles, head.roles, add);
  breakGlassChanges(base.breakGlass, head.breakGlass, add);
}

/** Device-bound, hardware-protected: a synced passkey accepted again weakens. */
function hardwareChange(b: AdminSurfaceView, h: AdminSurfaceView, add: Add): void {
  if (b.hardwareBound && !h.hardwareBound)
    add(
      'weaken',
      'admin',
      b.label,
      `${b.label} now accepts a phishing-resistant factor that is not device-bound or hardware-protected from ` +
        `${quoted(h.groups)}: a synced passkey, from any device that holds it.`,
    );
  else if (!b.hardwareBound && h.hardwareBound)
    add('strengthen', 'admin', b.label, `${b.label} now requires ${HARDWARE} from ${quoted(h.groups)}.`);
}

function coverageChanges(b: AdminSurfaceView, h: AdminSurfaceView, add: Add): void {
  // A rule for Everyone still covers every group it does not exempt.
  const stillCovered = (g: string) => h.groups.includes(EVERYONE) && !h.exempt.includes(g);
  const uncovered = minus(b.groups, h.groups).filter((g) => !stillCovered(g));
  if (uncovered.length)
    add('weaken', 'admin', b.label, `${b.label}'s phishing-resistant rule no longer covers ${quoted(uncovered)}.`);
  const exempted = minus(h.exempt, b.exempt);
  if (exempted.length)
    add('weaken', 'admin', b.label, `${b.label} now exempts ${quoted(exempted)} from its phishing-resistant rule.`);
  const covered = minus(h.groups, b.groups);
  if (covered.length)
    add('strengthen', 'admin', b.label, `${b.label}'s phishing-resistant rule now also covers ${quoted(covered)}.`);
}

/** The break-glass accounts' own rule: gone, weaker or longer-lived weakens; a new one strengthens. */
function breakGlassRuleChange(b: AdminSurfaceView | undefined, h: AdminSurfaceView | undefined, add: Add): void {
  const label = (h ?? b)!.label;
  const before = b?.breakGlass;
  const after = h?.breakGlass;
  const exempt = h?.exempt ?? b?.exempt ?? [];
  if (before && !after) {
    add(
      'weaken',
      'admin',
      label,
      `Break-glass ${quoted(before.groups)} no longer has a rule of its own on the ${label}` +
        `${exempt.length ? `: it reaches it only through rules Terraform neither owns nor sees` : ''}.`,
    );
    return;
  }
  if (!after) return;
  const minutes = after.reauthenticateMinutes;
  const every = minutes === undefined ? "at the policy's default interval" : `every ${minutes} min`;
  const how = `${after.hardwareKey ? 'password + hardware key' : 'a weaker sign-in'}, re-authenticating ${every}`;
  if (!before) {
    add(
      'strengthen',
      'admin',
      label,
      `Break-glass ${quoted(after.groups)} now has its own rule on the ${label}: ${how}.`,
    );
    return;
  }
  if (before.hardwareKey && !after.hardwareKey)
    add(
      'weaken',
      'admin',
      label,
      `The break-glass rule on the ${label} no longer requires the password and a hardware key.`,
    );
  if ((minutes ?? Number.POSITIVE_INFINITY) > (before.reauthenticateMinutes ?? Number.POSITIVE_INFINITY))
    add(
      'weaken',
      'admin',
      label,
      `Break-glass sessions on the ${label} now last up to ${minutes} min between sign-ins ` +
        `(was ${before.reauthenticateMinutes}).`,
    );
}

/** An admin role granted widens who administers Okta; one taken away narrows it. */
function roleChanges(base: readonly AdminRoleView[], head: readonly AdminRoleView[], add: Add): void {
  const key = (r: AdminRoleView) => `${r.group}\0${r.role}`;
  const had = new Set(base.map(key));
  const has = new Set(head.map(key));
  for (const r of head.filter((x) => !had.has(key(x))))
    add(
      'weaken',
      'admin',
      `admin role ${r.role}`,
      `\`${r.group}\` now holds the Okta admin role ${r.role}: every member administers Okta.`,
    );
  for (const r of base.filter((x) => !has.has(key(x))))
    add('strengthen', 'admin', `admin role ${r.role}`, `\`${r.group}\` no longer holds the Okta admin role ${r.role}.`);
}

function breakGlassChanges(b: AdminSurfacesView['breakGlass'], h: AdminSurfacesView['breakGlass'], add: Add): void {
  if (!h) return;
  const subject = `break-glass group ${h.group}`;
  if (!b) {
    add(
      'neutral',
      'admin',
      subject,
      `Break-glass group \`${h.group}\` declared: ${h.members.length} account(s), alerted.`,
    );
    return;
  }
  const added = minus(h.members, b.members);
  if (added.length || h.group !== b.group)
    add(
      'weaken',
      'admin',
      subject,
      `Break-glass widened: ${h.group !== b.group ? `group \`${b.group}\` -> \`${h.group}\`; ` : ''}` +
        `${added.length ? `${quoted(added)} added, ` : ''}${h.members.length} account(s) skip the admin ` +
        'surfaces phishing-resistant rule.',
    );
  if (h.maxMembers > b.maxMembers)
    add(
      'weaken',
      'admin',
      subject,
      `Break-glass may now hold ${h.maxMembers} accounts (was ${b.maxMembers}; never more than ` +
        `${BREAK_GLASS_MAX_MEMBERS}).`,
    );
  const removed = minus(b.members, h.members);
  if (removed.length) add('strengthen', 'admin', subject, `Break-glass narrowed: ${quoted(removed)} removed.`);
}

/** The report's rows: one per surface, its break-glass rule, each admin role, then the break-glass group. */
export function adminSurfaceRows(view: AdminSurfacesView): string[][] {
  const rows = view.surfaces.flatMap((s) => [
    [
      s.label,
      s.hardwareBound
        ? 'phishing-resistant, device-bound, hardware-protected'
        : s.phishingResistant
          ? 'phishing-resistant (synced passkeys accepted)'
          : 'NOT phishing-resistant',
      s.groups.join(', ') || '-',
      s.exempt.join(', ') || '-',
    ],
    ...(s.breakGlass
      ? [
          [
            `${s.label}: break-glass rule`,
            `${s.breakGlass.hardwareKey ? 'password + hardware key' : 'NOT password + hardware key'}, ` +
              `re-authenticate every ${s.breakGlass.reauthenticateMinutes ?? '(default)'} min`,
            s.breakGlass.groups.join(', '),
            '-',
          ],
        ]
      : []),
  ]);
  for (const r of view.roles) rows.push([`admin role ${r.role}`, 'granted by the stack', r.group, '-']);
  const bg = view.breakGlass;
  if (bg) {
    const own = view.surfaces.some((s) => s.breakGlass?.groups.includes(bg.group));
    rows.push([
      `break-glass: ${bg.group}`,
      `${own ? 'its own rule' : 'excluded, no rule of its own'}; every sign-in alerts`,
      `${bg.members.length} of at most ${bg.maxMembers} accounts`,
      '-',
    ]);
  }
  return rows;
}
