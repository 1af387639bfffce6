import { defineRule, NOT_APPLICABLE, on, verdict, type RuleFinding } from '../rule';
import { allows, constraintsOf, isoMinutes, str } from '../../synthesized/facts';
import {
  BREAK_GLASS_MAX_MEMBERS,
  BREAK_GLASS_REAUTHENTICATE_MINUTES,
  SIGN_IN_EVENT_TYPES,
} from '../../domain/okta/admin-surfaces';
import { classInForce, requiresHardwareBound } from '../../domain/okta/sign-on-constraints';
import { attr, isObject, stringList, type Json, type StackModel, type TfResource } from '../../synthesized/model';
import { ReadModel } from '../../synthesized/read-model';

/** The sign-in event types and actor logins an EventBridge rule's pattern matches (empty when not such a rule). */
function watched(rule: TfResource): { types: string[]; logins: string[] } {
  let pattern: Json;
  try {
    pattern = JSON.parse(str(rule.attrs.event_pattern) ?? '{}') as Json;
  } catch {
    return { types: [], logins: [] };
  }
  if (!isObject(pattern)) return { types: [], logins: [] };
  return {
    types: stringList(attr(pattern, 'detail', 'eventType')),
    logins: stringList(attr(pattern, 'detail', 'actor', 'alternateId')),
  };
}

/** Whether a rule has a target that publishes to an SNS topic of the stack. */
function alerts(stack: StackModel, rule: TfResource): boolean {
  return stack
    .referrers('aws_cloudwatch_event_target', 'rule', rule)
    .some((t) => stack.resolve(t.attrs.arn)?.target?.type === 'aws_sns_topic');
}

/** What a break-glass rule lacks: the password and a hardware key, two factors, a short session. */
function breakGlassWeakness(rule: TfResource): string | undefined {
  const constraints = constraintsOf(rule);
  const strong = (c: { [key: string]: Json }) => classInForce(c, 'knowledge') !== undefined && requiresHardwareBound(c);
  if (constraints.length === 0 || constraints.some((c) => !c.value || !strong(c.value)))
    return 'does not require the password and a hardware-protected, device-bound phishing-resistant factor';
  if (rule.attrs.factor_mode === '1FA') return 'factor_mode 1FA (the hardware key must be a second factor)';
  const minutes = isoMinutes(str(rule.attrs.re_authentication_frequency));
  const max = BREAK_GLASS_REAUTHENTICATE_MINUTES.max;
  if (minutes === undefined || minutes > max) {
    const now = minutes === undefined ? 'at the default interval' : `every ${minutes} minutes`;
    return `re-authenticates ${now}; allowed: at most ${max} minutes (an emergency session stays short)`;
  }
  return undefined;
}

/** Per surface: each exempt group is the declared break-glass group and has an allow rule of its own, strong enough. */
function ownPath(read: ReadModel, declared: string | undefined): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const s of read.adminSurfaces) {
    for (const rule of s.adminRules)
      for (const g of read.groupsIn(rule, 'groups_excluded'))
        if (g !== declared)
          findings.push(on(rule, `excludes ${g}, which is not the declared break-glass group: an unwatched bypass`));
    for (const g of s.coverage.exempt.filter((x) => x === declared && !s.coverage.breakGlass.includes(x)))
      findings.push(
        on(
          s.policy,
          `${s.label}: the break-glass group ${g} has no rule of its own: it reaches the ${s.label} only through ` +
            'rules Terraform neither owns nor sees (tightening the catch-all silently locks it out)',
        ),
      );
    for (const rule of s.breakGlassRules) {
      const weak = breakGlassWeakness(rule);
      if (weak) findings.push(on(rule, `${s.label}: the break-glass rule ${weak}`));
    }
  }
  return findings;
}

export default defineRule({
  id: 'MFA-14',
  name: 'break-glass-alarmed-and-small',
  severity: 'error',
  title:
    'The group excluded from the admin surfaces rule is the declared break-glass group, admitted by a rule of its ' +
    'own (its password and a hardware key, re-authenticating within ' +
    `${BREAK_GLASS_REAUTHENTICATE_MINUTES.max} minutes): at most maxMembers (and never more than ` +
    `${BREAK_GLASS_MAX_MEMBERS}) accounts, each sign-in alerting the alert topic`,
  why:
    "Break-glass accounts skip the administrators' rule so an outage of Okta Verify, or of the admins' devices, " +
    'cannot lock the org out of its own admin console. That makes them the weakest door: they must be few, sign ' +
    'in only with a hardware key kept sealed, and every use must page someone. Without a rule of their own they ' +
    'reach the console through rules Terraform neither owns nor sees; an excluded group that is not declared is an ' +
    'unwatched bypass.',
  source:
    'NIST SP 800-53 AC-2(2) (emergency accounts); Okta docs: Emergency (break-glass) admin accounts; ' +
    'sdk/v2_possessionConstraint.go:4-17, sdk/v2_knowledgeConstraint.go:4-11 (the constraint classes)',
  fix:
    'Exclude only identity.mfa.adminSurfaces.breakGlass.group, declare its members (logins, at most maxMembers) ' +
    'and stream the System Log (audit.oktaLogStream): the stack then adds the break-glass rule (password + ' +
    'breakGlass.authenticators) and the break-glass-sign-ins event rule.',
  check: (stack) => {
    const read = ReadModel.of(stack);
    const rules = read.adminSurfaces.flatMap((s) => s.rules.filter(allows));
    const declared = stack.declarations.breakGlass;
    if (rules.length === 0 && !declared) return NOT_APPLICABLE;
    const findings: RuleFinding[] = ownPath(read, declared?.group);
    if (!declared) return verdict(findings);
    const max = Math.min(declared.maxMembers, BREAK_GLASS_MAX_MEMBERS);
    if (declared.members.length === 0 || declared.members.length > max)
      findings.push({
        address: stack.stackName,
        message:
          `break-glass group ${declared.group} declares ${declared.members.length} members; allowed: 1 to ${max} ` +
          `(maxMembers ${declared.maxMembers}, never more than ${BREAK_GLASS_MAX_MEMBERS})`,
      });
    const alarmed = stack.resources('aws_cloudwatch_event_rule').filter((r) => {
      const w = watched(r);
      return SIGN_IN_EVENT_TYPES.every((t) => w.types.includes(t)) && w.logins.length > 0 && alerts(stack, r);
    });
    const covered = new Set(alarmed.flatMap((r) => watched(r).logins));
    const unwatched = declared.members.filter((m) => !covered.has(m));
    if (alarmed.length === 0 || unwatched.length > 0)
      findings.push({
        address: stack.stackName,
        message:
          `sign-ins of break-glass ${unwatched.join(', ') || declared.group} raise no alert: no EventBridge rule on ` +
          `${SIGN_IN_EVENT_TYPES.join(', ')} for their logins targets the SNS alert topic`,
      });
    return verdict(findings);
  },
});
