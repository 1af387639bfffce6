/**
 * Okta's own admin surfaces in the review and the posture report: the phishing-resistant rule the stack
 * adds to each looked-up policy (who it covers, whom it exempts) and the break-glass group (members,
 * allowed size, whether its sign-ins alert). Dropping or weakening a rule, or widening break-glass, is a
 * "weakens" sentence.
 */
import { allows, constraintsOf, requiresPhishingResistant } from '../synthesized/facts';
import type { RecordedBreakGlass } from '../synthesized/declarations';
import type { StackModel } from '../synthesized/model';
import { ReadModel } from '../synthesized/read-model';
import { BREAK_GLASS_MAX_MEMBERS } from '../domain/okta/admin-surfaces';

export interface AdminSurfaceView {
  /** The app's label, e.g. `Okta Admin Console`. */
  readonly label: string;
  /** Whether every allow rule the stack adds requires phishing-resistant possession (and there is one). */
  readonly phishingResistant: boolean;
  /** Groups the allow rules cover (Everyone when a rule names none). */
  readonly groups: readonly string[];
  /** Groups the allow rules exempt. */
  readonly exempt: readonly string[];
  /** How many allow rules the stack adds to the surface's policy. */
  readonly allowRules: number;
}

export interface AdminSurfacesView {
  readonly surfaces: readonly AdminSurfaceView[];
  readonly breakGlass?: RecordedBreakGlass;
}

/** The admin-surface part of a stack's security view. */
export function adminSurfacesView(model: StackModel): AdminSurfacesView {
  const read = ReadModel.of(model);
  const surfaces = read.adminSurfaces.map((s) => {
    const allowing = s.rules.filter(allows);
    const names = (attr: string) => [...new Set(allowing.flatMap((r) => read.groupsIn(r, attr)))].sort();
    const included = names('groups_included');
    return {
      label: s.label,
      phishingResistant:
        allowing.length > 0 &&
        allowing.every((r) => {
          const cs = constraintsOf(r);
          return cs.length > 0 && cs.every((c) => c.value !== undefined && requiresPhishingResistant(c.value));
        }),
      groups: included.length || allowing.length === 0 ? included : ['Everyone'],
      exempt: names('groups_excluded'),
      allowRules: allowing.length,
    };
  });
  return { surfaces, breakGlass: model.declarations.breakGlass };
}

type Add = (direction: 'weaken' | 'strengthen' | 'neutral', area: string, subject: string, sentence: string) => void;
const quoted = (xs: readonly string[]) => xs.map((x) => `\`${x}\``).join(', ');
const minus = (a: readonly string[], b: readonly string[]) => a.filter((x) => !b.includes(x));

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
      continue;
    }
    const uncovered = minus(b.groups, h.groups);
    if (uncovered.length)
      add('weaken', 'admin', subject, `${b.label}'s phishing-resistant rule no longer covers ${quoted(uncovered)}.`);
    const exempted = minus(h.exempt, b.exempt);
    if (exempted.length)
      add('weaken', 'admin', subject, `${b.label} now exempts ${quoted(exempted)} from its phishing-resistant rule.`);
    const covered = minus(h.groups, b.groups);
    if (covered.length)
      add('strengthen', 'admin', subject, `${b.label}'s phishing-resistant rule now also covers ${quoted(covered)}.`);
  }
  for (const h of head.surfaces.filter((s) => !base.surfaces.some((b) => b.label === s.label) && s.phishingResistant))
    add(
      'strengthen',
      'admin',
      h.label,
      `${h.label} now requires a phishing-resistant factor from ${quoted(h.groups)}.`,
    );
  breakGlassChanges(base.breakGlass, head.breakGlass, add);
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

/** The report's rows: one per surface, then the break-glass group. */
export function adminSurfaceRows(view: AdminSurfacesView): string[][] {
  const rows = view.surfaces.map((s) => [
    s.label,
    s.phishingResistant ? 'phishing-resistant' : 'NOT phishing-resistant',
    s.groups.join(', ') || '-',
    s.exempt.join(', ') || '-',
  ]);
  const bg = view.breakGlass;
  if (bg)
    rows.push([
      `break-glass: ${bg.group}`,
      'excluded; every sign-in alerts',
      `${bg.members.length} of at most ${bg.maxMembers} accounts`,
      '-',
    ]);
  return rows;
}
