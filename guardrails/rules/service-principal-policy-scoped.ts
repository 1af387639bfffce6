import { defineRule, each, type RuleFinding } from '../rule';
import { isObject, stringList, type Json, type TfResource } from '../../synthesized/model';

/** Resource-policy attributes by resource type (the policy a service principal is granted through). */
const POLICY_ATTR: Record<string, string> = {
  aws_sns_topic_policy: 'policy',
  aws_cloudwatch_log_resource_policy: 'policy_document',
  aws_sqs_queue_policy: 'policy',
  aws_s3_bucket_policy: 'policy',
  aws_kms_key: 'policy',
  aws_cloudwatch_event_bus_policy: 'policy',
};
const SCOPING_KEYS = ['aws:sourcearn', 'aws:sourceaccount', 'aws:sourceorgid', 'aws:sourceorgpaths'];

function statements(policy: Json | undefined): Json[] {
  if (typeof policy !== 'string') return [];
  try {
    const doc = JSON.parse(policy) as Json;
    if (!isObject(doc)) return [];
    return Array.isArray(doc.Statement) ? doc.Statement : doc.Statement ? [doc.Statement] : [];
  } catch {
    return [];
  }
}

const scoped = (condition: Json | undefined): boolean =>
  isObject(condition) &&
  Object.values(condition).some(
    (c) => isObject(c) && Object.keys(c).some((k) => SCOPING_KEYS.includes(k.toLowerCase())),
  );

export default defineRule({
  id: 'GW-21',
  name: 'service-principal-policy-scoped',
  severity: 'warning',
  title: 'Resource policies that allow an AWS service principal are scoped with aws:SourceArn or aws:SourceAccount',
  why:
    'A statement that allows events.amazonaws.com or cloudwatch.amazonaws.com without a ' +
    "source condition lets that service act for any account's resources (confused deputy): " +
    "someone else's rule or alarm can write into the audit log or publish fake alerts.",
  source: 'AWS docs: The confused deputy problem (aws:SourceArn, aws:SourceAccount); CKV_AWS_364 for Lambda',
  fix:
    'Add a Condition with ArnEquals aws:SourceArn (the rules or ' +
    'alarms that may use it) or StringEquals aws:SourceAccount.',
  check: (stack) => {
    const policies = Object.keys(POLICY_ATTR).flatMap((type) => stack.resources(type));
    return each(policies, (p: TfResource) => {
      const f: RuleFinding[] = [];
      statements(p.attrs[POLICY_ATTR[p.type]]).forEach((s, i) => {
        if (!isObject(s) || s.Effect !== 'Allow' || !isObject(s.Principal)) return;
        const services = stringList(s.Principal.Service);
        if (services.length === 0 || scoped(s.Condition)) return;
        f.push({
          address: p.address,
          message:
            `statement ${typeof s.Sid === 'string' ? s.Sid : i + 1} allows ` +
            `${services.join(', ')} without aws:SourceArn or aws:SourceAccount`,
        });
      });
      return f;
    });
  },
});
