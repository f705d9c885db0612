import { z } from 'zod';
import { CaseNumber, IdNumber, Instant, IsoDate, ifThen, Phone, Text } from './common.ts';

export const Channel = z.enum(['online', 'window']).meta({ id: 'Channel' });
export type Channel = z.infer<typeof Channel>;

export const BookingRequest = z
  .strictObject({
    idNumber: IdNumber,
    name: Text({ max: 50 }),
    phone: Phone,
    channel: Channel,
    slotId: z.string().min(1).max(100).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.channel === 'window' && !v.slotId) {
      ctx.addIssue({ code: 'custom', path: ['slotId'], message: 'is required for a window booking' });
    }
  })
  // The superRefine above is invisible to JSON Schema; if/then states the same rule in the document.
  .meta({ id: 'BookingRequest', ...ifThen({ channel: 'window' }, { required: ['slotId'] }) });
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
