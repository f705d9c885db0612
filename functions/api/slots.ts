import { SERVICE_CENTERS, slotsFor, toPublicSlot } from '../shared/service-centers.ts';
import { httpHandler } from './http/handler.ts';
import { operations } from './routes.ts';
import { notFound } from './http/problem.ts';

export const handler = httpHandler(operations.listSlots, {
  async handle({ params, query, rt }) {
    if (!SERVICE_CENTERS.some((c) => c.id === params.id)) throw notFound('The service centre');
    const defs = slotsFor(params.id, query.date);
    const booked = await rt.bookings.bookedCounts(defs.map((d) => d.slotId));
    return { status: 200, body: defs.map((d) => toPublicSlot(d, booked.get(d.slotId) ?? 0)) };
  },
});
