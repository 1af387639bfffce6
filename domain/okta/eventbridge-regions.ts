/** AWS regions Okta can stream the System Log to through EventBridge (Okta API: LogStreamSettingsAws.region). */
export const OKTA_EVENTBRIDGE_REGIONS: readonly string[] = [
  'ca-central-1',
  'eu-central-1',
  'eu-north-1',
  'eu-south-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
];
