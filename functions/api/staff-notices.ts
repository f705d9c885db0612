import { httpHandler } from './http/handler.ts';
import { operations } from './routes.ts';

/** The caller's reminders: their own (cases they hold), the team's (nobody holds the case) and, for supervisors, overdue alerts. */
export const handler = httpHandler(operations.listStaffNotices, {
  async handle({ principal, rt }) {
    const who = principal!.staffId ?? principal!.subject;
    const recipients = [who, 'team', ...(principal!.role === 'supervisor' ? ['supervisors'] : [])];
    return { status: 200, body: { notices: await rt.staffNotices.forRecipients(recipients) }, headers: { 'cache-control': 'no-store' } };
  },
});
