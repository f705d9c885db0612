/**
 * The SNS adapter of the notification port, with aws-sdk-client-mock (the one place mocks are used: an AWS adapter's
 * unit test). What is checked is what we send SNS and how its answers come back to the drain.
 */
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { SnsSmsSender, toE164 } from '../../../functions/adapters/sns-sms-sender.ts';
import { smsSenderFromEnvironment } from '../../../functions/sms/sms-on-schedule.ts';
import { HttpSmsGateway } from '../../../functions/adapters/http-sms-gateway.ts';

const sns = mockClient(SNSClient);
afterEach(() => sns.reset());

const message = {
  id: 'RT20261124K3Q9MZ/booked#0',
  to: '13810102947',
  text: '【退休一件事】您已预约办理退休，办件编号 RT20261124K3Q9MZ。',
  kind: 'booked' as const,
};

describe('SnsSmsSender', () => {
  it('publishes to the phone number itself (E.164, no topic), as a transactional message, with the text as is', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    await new SnsSmsSender({ client: new SNSClient({ region: 'cn-north-1' }) }).send(message);
    const calls = sns.commandCalls(PublishCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input).toEqual({
      PhoneNumber: '+8613810102947',
      Message: message.text,
      MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } },
    });
  });

  it('says it cannot deduplicate, and publishes every hand-over it is given (the drain bounds them: at most two)', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm-3' });
    const sender = new SnsSmsSender({ client: new SNSClient({ region: 'cn-north-1' }) });
    expect(sender.deduplicates).toBe(false);
    await sender.send(message);
    await sender.send(message);
    // Nothing in the request can carry the message id for SNS to drop the second: both go out.
    expect(sns.commandCalls(PublishCommand)).toHaveLength(2);
    expect(JSON.stringify(sns.commandCalls(PublishCommand)[0]!.args[0].input)).not.toContain(message.id);
  });

  it('names the sender id when one is configured', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm-2' });
    await new SnsSmsSender({ client: new SNSClient({ region: 'cn-north-1' }), senderId: 'RetireOne' }).send(message);
    expect(sns.commandCalls(PublishCommand)[0]!.args[0].input.MessageAttributes?.['AWS.SNS.SMS.SenderID']).toEqual({
      DataType: 'String',
      StringValue: 'RetireOne',
    });
  });

  it('throws when SNS refuses or throttles, so the drain keeps the message and tries again', async () => {
    sns.on(PublishCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottledException' }));
    await expect(new SnsSmsSender({ client: new SNSClient({ region: 'cn-north-1' }) }).send(message)).rejects.toThrow('Rate exceeded');
  });

  it('never publishes to something that is not a mobile number', async () => {
    await expect(new SnsSmsSender({ client: new SNSClient({ region: 'cn-north-1' }) }).send({ ...message, to: 'arn:aws:sns:x:1:topic' })).rejects.toThrow(
      RangeError,
    );
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
  });
});

describe('toE164', () => {
  it('prefixes every mainland mobile number with +86 and keeps its digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^1\d{10}$/), (phone) => {
        expect(toE164(phone)).toBe(`+86${phone}`);
      }),
    );
  });

  it('refuses anything else that is not already E.164', () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !/^1\d{10}$/.test(s) && !/^\+\d{8,15}$/.test(s)),
        (s) => {
          expect(() => toE164(s)).toThrow(RangeError);
        },
      ),
    );
  });
});

describe('the provider chosen by context', () => {
  it('is SNS or the HTTP gateway, and nothing when unset', () => {
    expect(smsSenderFromEnvironment({ SMS_PROVIDER: 'sns' })).toBeInstanceOf(SnsSmsSender);
    expect(smsSenderFromEnvironment({ SMS_PROVIDER: 'http', SMS_GATEWAY_URL: 'https://gateway.test/sms' })).toBeInstanceOf(HttpSmsGateway);
    expect(() => smsSenderFromEnvironment({ SMS_PROVIDER: 'http', SMS_GATEWAY_URL: 'http://gateway.test/sms' })).toThrow(/https/);
    expect(() => smsSenderFromEnvironment({})).toThrow(/SMS_PROVIDER/);
  });
});
