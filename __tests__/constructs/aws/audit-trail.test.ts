/**
 * AuditTrail takes the API object: its metric filters and dashboard read the API's access-log group,
 * id and stage, and the field names of the access-log format the API writes.
 */
import { Testing, TerraformStack } from 'cdktf';
import {
  ACCESS_LOG_FORMAT,
  AuditTrail,
  JwtHttpApi,
  type AuditTrailProps,
  type IAccessLoggedHttpApi,
  type JwtHttpApiProps,
} from '../../../constructs';
import { minimalApiProps } from '../../support/construct';

type Resources = Record<string, Record<string, Record<string, any>>>;

const apiProps = (over: Partial<JwtHttpApiProps> = {}): JwtHttpApiProps =>
  minimalApiProps({ apiName: 'orders-api', ...over });

const trailProps = (api: IAccessLoggedHttpApi): AuditTrailProps => ({
  name: 'audit',
  region: 'eu-west-1',
  accountIds: ['333333333333'],
  api,
  logRetentionDays: 30,
  alertTopicKmsKeyArn: 'arn:aws:kms:eu-west-1:333333333333:key/k',
  thresholds: { unauthorized401: 5, forbidden403: 5, serverErrors5xx: 1 },
});

/** Synthesizes an API and an audit trail on it; returns the resources. */
const synth = (over: Partial<JwtHttpApiProps> = {}): Resources => {
  const stack = new TerraformStack(Testing.app(), 'test');
  const api = new JwtHttpApi(stack, 'Api', apiProps(over));
  new AuditTrail(stack, 'Audit', trailProps(api));
  return JSON.parse(Testing.synth(stack)).resource;
};

const filterPatterns = (r: Resources) =>
  Object.values(r.aws_cloudwatch_log_metric_filter)
    .map((f) => [f.log_group_name, f.pattern])
    .sort((a, b) => a[1].localeCompare(b[1]));
const failuresQuery = (r: Resources): string =>
  JSON.parse(Object.values(r.aws_cloudwatch_dashboard)[0].dashboard_body).widgets[0].properties.query;

describe('AuditTrail from a JwtHttpApi', () => {
  let standard: Resources;
  let renamed: Resources;
  beforeAll(() => {
    standard = synth();
    const { status, ...rest } = ACCESS_LOG_FORMAT;
    renamed = synth({ accessLogFormat: { ...rest, httpStatus: status } });
  });

  test("GIVEN the API THEN the gateway metric filters read its access-log group's status field", () => {
    const group = '${aws_cloudwatch_log_group.Api_AccessLogs_';
    expect(filterPatterns(standard)).toEqual([
      [expect.stringContaining(group), '{ $.status = "401" }'],
      [expect.stringContaining(group), '{ $.status = "403" }'],
      [expect.stringContaining(group), '{ $.status = "5*" }'],
    ]);
  });

  test("GIVEN the API THEN the dashboard reads the API's own id and stage", () => {
    const widgets = JSON.parse(Object.values(standard.aws_cloudwatch_dashboard)[0].dashboard_body).widgets;
    const latency = widgets[2].properties.metrics[0];
    expect(latency.slice(0, 6)).toEqual([
      'AWS/ApiGateway',
      'Latency',
      'ApiId',
      expect.stringMatching(/^\$\{aws_apigatewayv2_api\.Api_[0-9A-F]{8}\.id\}$/),
      'Stage',
      expect.stringMatching(/^\$\{aws_apigatewayv2_stage\.Api_Stage_[0-9A-F]{8}\.name\}$/),
    ]);
    expect(failuresQuery(standard)).toContain('by routeKey, status, authorizerError');
  });

  test('GIVEN an access-log format that names the status field httpStatus THEN filters and dashboard follow it', () => {
    expect(filterPatterns(renamed).map(([, pattern]) => pattern)).toEqual([
      '{ $.httpStatus = "401" }',
      '{ $.httpStatus = "403" }',
      '{ $.httpStatus = "5*" }',
    ]);
    expect(failuresQuery(renamed)).toContain('filter httpStatus = "401" or httpStatus = "403"');
  });

  test('fails for an API whose access log does not record the status', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const { status: _status, ...withoutStatus } = ACCESS_LOG_FORMAT;
    const api = new JwtHttpApi(stack, 'Api', apiProps({ accessLogFormat: withoutStatus }));
    expect(() => new AuditTrail(stack, 'Audit', trailProps(api))).toThrow(
      /^AuditTrail 'audit': api.accessLogFormat = \{.*\} is invalid: a field that logs \$context\.status$/,
    );
  });

  test('fails for an access-log format whose field a metric filter cannot name', () => {
    expect(() => synth({ accessLogFormat: { ...ACCESS_LOG_FORMAT, 'http status': '$context.status' } })).toThrow(
      'JwtHttpApi \'orders-api\': accessLogFormat = "http status" is invalid: field names of letters, digits and _',
    );
  });
});
