import { z } from 'zod';
import { CaseNumber, IdNumber, Instant, IsoDate, Phone, Text } from './common.ts';

export const Channel = z.enum(['online', 'window']).meta({ id: 'Channel' });
export type Channel = z.infer<typeof Channel>;

const bookingFields = {
  idNumber: IdNumber,
  name: Text({ max: 50 }),
  phone: Phone,
};

/*
 * One variant per channel (a discriminated union: oneOf + discriminator in the document), so a client generated
 * from the document cannot build a window booking without its slot; the server refuses the same shapes.
 */
export const OnlineBookingRequest = z
  .strictObject({
    ...bookingFields,
    channel: z.literal('online'),
    slotId: z.string().min(1).max(100).optional(),
  })
  .meta({ id: 'OnlineBookingRequest' });

export const WindowBookingRequest = z
  .strictObject({
    ...bookingFields,
    channel: z.literal('window'),
    slotId: z
      .string({ error: (issue) => (issue.input === undefined ? 'is required for a window booking' : undefined) })
      .min(1)
      .max(100)
      .meta({ description: 'A slot from GET /v1/service-centers/{id}/slots.' }),
  })
  .meta({ id: 'WindowBookingRequest' });

export const BookingRequest = z.discriminatedUnion('channel', [OnlineBookingRequest, WindowBookingRequest]).meta({
  id: 'BookingRequest',
  description: '`channel` decides the shape: a `window` booking needs `slotId`.',
});
export type BookingRequest = z.infer<typeof BookingRequest>;

export const Slot = z
  .strictObject({
    slotId: z.string(),
    start: Instant,
    end: Instant,
    capacity: z.number().int(),
    remaining: z.number().int(),
  })
  .meta({ id: 'Slot' });
export type Slot = z.infer<typeof Slot>;

export const ServiceCenter = z.strictObject({ id: z.string(), name: z.string(), address: z.string() }).meta({ id: 'ServiceCenter' });
export type ServiceCenter = z.infer<typeof ServiceCenter>;

export const ServiceCenterList = z.array(ServiceCenter);
export const SlotList = z.array(Slot);

export const ServiceCenterPathParams = z.strictObject({ id: z.string().max(64).meta({ description: 'Service centre id from GET /v1/service-centers.' }) });

export const SlotsQuery = z.strictObject({ date: IsoDate });

export const BookingResponse = z
  .strictObject({
    caseNumber: CaseNumber,
    status: z.literal('BOOKED'),
    channel: Channel,
    slot: Slot.omit({ remaining: true, capacity: true }).extend({ serviceCenterId: z.string() }).optional(),
    applicationDeadline: IsoDate,
  })
  .meta({ id: 'BookingResponse' });
export type BookingResponse = z.infer<typeof BookingResponse>;
