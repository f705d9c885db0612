import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { OutgoingSms, SmsSender } from '../notifications/sms-sender.ts';
import { traced } from '../shared/observability.ts';

/** A mainland mobile number (11 digits from 1) in E.164, as SNS takes phone numbers. */
export function toE164(phone: string): string {
  if (/^\+\d{8,15}$/.test(phone)) return phone;
  if (/^1\d{10}$/.test(phone)) return `+86${phone}`;
  throw new RangeError('not a mobile number');
}

/**
 * Amazon SNS `Publish` straight to a phone number (no topic), as a transactional message: these texts answer a
 * citizen's own case and must not wait behind promotional traffic. SNS takes no deduplication id for SMS, so a
 * crash between SNS taking a message and the outbox marking it sent may send it once more, never twice more
 * (the drain's hand-over record, functions/sms/drain.ts; README "Text messages").
 */
export class SnsSmsSender implements SmsSender {
  /** SNS Publish to a phone number takes no deduplication id: the drain records each hand-over before it (drain.ts). */
  readonly deduplicates = false;
  private readonly client: SNSClient;
  private readonly senderId: string | undefined;

  constructor(opts: { client?: SNSClient; senderId?: string } = {}) {
    // A send that hangs must end well within the drain's claim (functions/sms/sms-on-schedule.ts SMS_LIMITS).
    this.client = opts.client ?? traced(new SNSClient({ requestHandler: { requestTimeout: 10_000, connectionTimeout: 3_000 } }));
    this.senderId = opts.senderId;
  }

  async send(m: OutgoingSms): Promise<void> {
    await this.client.send(
      new PublishCommand({
        PhoneNumber: toE164(m.to),
        Message: m.text,
        MessageAttributes: {
          'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
          ...(this.senderId ? { 'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: this.senderId } } : {}),
        },
      }),
    );
  }
}
