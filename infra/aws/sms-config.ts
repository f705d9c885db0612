import type { Node } from 'constructs';

/**
 * Which SMS provider the text-message job uses on AWS, from CDK context:
 *   smsProvider     `sns` (default): Amazon SNS Publish straight to the phone number; `http`: an HTTP SMS gateway
 *   smsGatewayUrl   with `http`: the gateway's https address (functions/adapters/http-sms-gateway.ts)
 *   smsSenderId     optional SNS sender id, where the destination country supports one
 */
export interface SmsConfig {
  provider: 'sns' | 'http';
  gatewayUrl?: string;
  senderId?: string;
}

export function readSmsConfig(node: Node): SmsConfig {
  const get = (key: string): string | undefined => {
    const v: unknown = node.tryGetContext(key);
    return v === undefined || v === null || v === '' ? undefined : String(v);
  };
  const provider = get('smsProvider') ?? 'sns';
  if (provider !== 'sns' && provider !== 'http') throw new Error(`context smsProvider must be sns or http, got ${provider}`);
  const gatewayUrl = get('smsGatewayUrl');
  if (provider === 'http' && !gatewayUrl?.startsWith('https://')) throw new Error('context smsProvider=http needs smsGatewayUrl, an https address');
  return { provider, gatewayUrl, senderId: get('smsSenderId') };
}

/** The text-message job's environment (read by functions/sms/sms-on-schedule.ts smsSenderFromEnvironment). */
export function smsEnvironment(c: SmsConfig): Record<string, string> {
  return {
    SMS_PROVIDER: c.provider,
    ...(c.provider === 'http' && c.gatewayUrl ? { SMS_GATEWAY_URL: c.gatewayUrl } : {}),
    ...(c.senderId ? { SMS_SENDER_ID: c.senderId } : {}),
  };
}
