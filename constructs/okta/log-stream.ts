import { Construct } from 'constructs';
import { Token } from 'cdktf';
import { LogStream } from '@cdktf/provider-okta/lib/log-stream';
import { OKTA_EVENTBRIDGE_REGIONS } from '../../domain/okta/eventbridge-regions';
import { eventSourceNameProblem, partnerEventSourceName } from '../../domain/okta/event-source-name';

export { OKTA_EVENTBRIDGE_REGIONS };

export interface OktaEventBridgeLogStreamProps {
  /** Log stream name in Okta. */
  readonly name: string;
  /** The Okta org subdomain (part of the partner event source's name). */
  readonly orgName: string;
  /** AWS account that receives the events (pass a reference to the stack's own account). */
  readonly accountId: string;
  /** AWS region that receives the events. */
  readonly region: string;
  /** Event source name: letters, digits, '.' and '_', at most 75 (the provider's rule and AWS's). */
  readonly eventSourceName: string;
}

/**
 * Streams the Okta System Log to an EventBridge partner event source in this stack's account and
 * region. Okta cannot change a stream's settings after creation: changing any of them replaces it.
 */
export class OktaEventBridgeLogStream extends Construct {
  readonly resource: LogStream;
  /** `aws.partner/okta.com/<org>/<event source name>`: the name the event bus must take. */
  readonly partnerEventSourceName: string;

  constructor(scope: Construct, id: string, props: OktaEventBridgeLogStreamProps) {
    super(scope, id);
    const why = Token.isUnresolved(props.eventSourceName) ? undefined : eventSourceNameProblem(props.eventSourceName);
    if (why) {
      const name = JSON.stringify(props.eventSourceName);
      throw new Error(`OktaEventBridgeLogStream: eventSourceName = ${name} is invalid: ${why}`);
    }
    if (!OKTA_EVENTBRIDGE_REGIONS.includes(props.region)) {
      throw new Error(
        `OktaEventBridgeLogStream: region = ${JSON.stringify(props.region)} ` +
          `is invalid: Okta streams to ${OKTA_EVENTBRIDGE_REGIONS.join(', ')}`,
      );
    }
    this.resource = new LogStream(this, 'Resource', {
      name: props.name,
      type: 'aws_eventbridge',
      status: 'ACTIVE',
      settings: { accountId: props.accountId, region: props.region, eventSourceName: props.eventSourceName },
    });
    this.partnerEventSourceName = partnerEventSourceName(props.orgName, props.eventSourceName);
  }
}
