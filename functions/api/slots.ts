import { offeredSlots, SERVICE_CENTERS, toPublicSlot } from '../shared/service-centers.ts';
import { httpHandler } from './http/handler.ts';
import { operations } from './routes.ts';
import { notFound } from './http/problem.ts';

export const handler = httpHandler(operations.listSlots, {
  async handle({ params, query, rt }) {
    if (!SERVICE_CENTERS.some((c) => c.id === params.id)) throw notFound('The service centre');
    const defs = offeredSlots(params.id, query.date, { today: rt.clock.today(), horizonDays: rt.policy.applicationDeadlineDays });
    const booked = await rt.bookings.bookedCounts(defs.map((d) => d.slotId));
    return { status: 200, body: defs.map((d) => toPublicSlot(d, booked.get(d.slotId) ?? 0)) };
  },
});
