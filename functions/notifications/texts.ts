import type { Decision } from '../../schemas/case.ts';
import { formatMonthZh } from '../domain/format.ts';

/*
 * What each text message says: plain words, the case number in every message about a case (api-v1), and what to
 * do next. The booking and supplement texts are written where those are (they name a slot, fields and a date).
 */
const SIGN = '【退休一件事】';

export const smsText = {
  submitted: (caseNumber: string) => `${SIGN}您的退休申请（办件编号 ${caseNumber}）已提交，人社、税务、医保、公积金四个部门正在同时核查，有结果会短信告诉您。`,
  manualReview: (caseNumber: string) => `${SIGN}您的退休申请（办件编号 ${caseNumber}）需要工作人员人工核实，您不用做什么，核实后会继续办理并短信告诉您。`,
  decided: (caseNumber: string, decision: Decision | undefined) =>
    `${SIGN}您的退休申请（办件编号 ${caseNumber}）${decision === 'APPROVED' ? '已审核通过' : '未获批准'}，正在出具盖章文书，出具后会再短信告诉您。`,
  documentsReady: (caseNumber: string, decision: Decision | undefined) =>
    `${SIGN}您的退休申请（办件编号 ${caseNumber}）${decision === 'APPROVED' ? '已审核通过' : '未获批准'}，盖章文书已出具，请登录查看或下载。`,
  deadlineReminder: (caseNumber: string, deadline: string, siteUrl: string) =>
    `${SIGN}您预约的退休办理（办件编号 ${caseNumber}）还没有提交申请表，请在 ${deadline} 前提交，过期预约会失效。办理地址：${siteUrl}/`,
  invitation: (retirementMonth: string, bookingUrl: string) =>
    `${SIGN}您将于 ${formatMonthZh(retirementMonth)}达到法定退休年龄。退休手续可以在网上一次办好，不用跑各个部门：${bookingUrl}`,
};

/**
 * Where an invitation leads: the booking page, with the invitation's random reference. After sign-in the page
 * resolves it (GET /v1/cases?invitation=…) into what HR gave for the person, so the link itself names nobody.
 */
export const bookingUrl = (siteUrl: string, invitationRef: string) => `${siteUrl}/?invitation=${encodeURIComponent(invitationRef)}#book`;
