import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { maskPhone } from '../../../functions/domain/mask.ts';
import { parseIdNumber } from '../../../functions/domain/id-number.ts';
import { logger } from '../../../functions/shared/logger.ts';
import type { SmsSink } from '../sms-sink.ts';
import { type Accounts, citizenAccountId, staffAccountId } from './accounts.ts';
import type { OneTimeCodes } from './one-time-codes.ts';
import { STAFF_CLIENT } from './provider.ts';
import { codePage, expiredPage, idNumberPage, staffPage } from './sign-in-pages.ts';
import type { StaffDirectory } from './staff-accounts.ts';

export interface InteractionDeps {
  provider: Provider;
  accounts: Accounts;
  staff: StaffDirectory;
  codes: OneTimeCodes;
  sms: SmsSink;
}

const PATH = /^\/oidc\/interaction\/([A-Za-z0-9_-]{1,64})(?:\/(code|verify|staff|abort))?$/;
const MAX_FORM_BYTES = 4096;
const NO_PHONE = '我们没有您登记的手机号码，无法发送验证码。请带上身份证，到就近的社会保障服务中心办理。';

function send(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'self'; style-src 'self'; form-action 'self'; frame-ancestors 'none'",
  });
  res.end(html);
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let text = '';
  for await (const chunk of req) {
    text += String(chunk);
    if (text.length > MAX_FORM_BYTES) break;
  }
  return new URLSearchParams(text.slice(0, MAX_FORM_BYTES));
}

/**
 * The sign-in pages the provider sends people to (its `interactions.url`): a citizen gives the ID number
 * and the one-time code sent to the phone on record; staff give their staff id and password. Each page
 * ends the interaction with `interactionFinished`, and the provider carries on with the authorization.
 */
export function interactionPages(deps: InteractionDeps) {
  const { provider, accounts, staff, codes, sms } = deps;

  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    const match = PATH.exec(url.pathname);
    if (!match) return false;
    const [, uid = '', step] = match;
    let details: Awaited<ReturnType<Provider['interactionDetails']>>;
    try {
      details = await provider.interactionDetails(req, res);
    } catch {
      send(res, 400, expiredPage());
      return true;
    }
    if (details.uid !== uid) {
      send(res, 400, expiredPage());
      return true;
    }
    const forStaff = details.params.client_id === STAFF_CLIENT;
    const finishAs = (accountId: string) => provider.interactionFinished(req, res, { login: { accountId } }, { mergeWithLastSubmission: false });

    if (step === 'abort') {
      await provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'the person stopped signing in' },
        { mergeWithLastSubmission: false },
      );
      return true;
    }
    if (req.method === 'GET' && !step) {
      send(res, 200, forStaff ? staffPage(uid) : idNumberPage(uid));
      return true;
    }
    if (req.method !== 'POST') return false;
    const form = await readForm(req);

    if (step === 'staff' && forStaff) {
      const staffId = form.get('staffId')?.trim() ?? '';
      const account = staff.check(staffId, form.get('password') ?? '');
      if (!account) {
        send(res, 200, staffPage(uid, { staffId, problem: '工号或密码不对，请再试一次。' }));
        return true;
      }
      await finishAs(staffAccountId(account.staffId));
      return true;
    }
    if (step === 'code' && !forStaff) {
      const idNumber = (form.get('idNumber') ?? '').trim().toUpperCase();
      const parsed = parseIdNumber(idNumber);
      if (!parsed.ok) {
        send(res, 200, idNumberPage(uid, { idNumber, problem: '身份证号码有误，请再核对一遍：18 位，最后一位是数字或 X。' }));
        return true;
      }
      const phone = accounts.phoneOf(idNumber);
      if (!phone) {
        send(res, 200, idNumberPage(uid, { idNumber, problem: NO_PHONE }));
        return true;
      }
      const code = codes.issue(uid, idNumber);
      sms.send({ to: phone, kind: 'sign-in-code', text: `【退休一件事】您的登录验证码是 ${code}，5 分钟内有效。请不要告诉任何人。` });
      logger.info({ phone: maskPhone(phone) }, 'sign-in code sent');
      send(res, 200, codePage(uid, { maskedPhone: maskPhone(phone), idNumber }));
      return true;
    }
    if (step === 'verify' && !forStaff) {
      const idNumber = codes.pendingFor(uid);
      const result = codes.check(uid, (form.get('code') ?? '').trim());
      if (result.ok) {
        await finishAs(citizenAccountId(result.idNumber));
        return true;
      }
      if (result.reason === 'wrong' && idNumber) {
        const phone = accounts.phoneOf(idNumber) ?? '';
        send(res, 200, codePage(uid, { maskedPhone: maskPhone(phone), idNumber, problem: `验证码不对，还可以再试 ${result.attemptsLeft} 次。` }));
        return true;
      }
      const why = result.reason === 'expired' ? '验证码已过期（5 分钟内有效）。' : result.reason === 'used-up' ? '验证码输错的次数太多。' : '';
      send(res, 200, idNumberPage(uid, { idNumber, problem: `${why}请重新获取验证码。` }));
      return true;
    }
    return false;
  };
}
