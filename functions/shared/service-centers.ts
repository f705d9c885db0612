import type { ServiceCenter, Slot } from '../../schemas/index.ts';
import { addDays } from '../domain/months.ts';

/**
 * Service centres and their opening hours. Configuration data, kept with the code until the city's
 * appointment system is connected; a slot id encodes centre, date and start so it needs no lookup table.
 */
export const SERVICE_CENTERS: readonly (ServiceCenter & { slotCapacity: number })[] = [
  { id: 'dg-nancheng', name: '东莞市南城社会保障服务中心', address: '东莞市南城街道鸿福路 99 号 1 楼', slotCapacity: 4 },
  { id: 'dg-dongcheng', name: '东莞市东城政务服务中心', address: '东莞市东城街道东纵大道 3 号', slotCapacity: 4 },
  { id: 'dg-songshanhu', name: '东莞市松山湖政务服务中心', address: '东莞市松山湖科技十路 1 号', slotCapacity: 2 },
];

/** Half-hour windows, Monday to Friday (China time). */
const SLOT_STARTS = ['09:00', '09:30', '10:00', '10:30', '11:00', '14:00', '14:30', '15:00', '15:30', '16:00'];
const SLOT_MINUTES = 30;

export interface SlotDefinition {
  slotId: string;
  serviceCenterId: string;
  start: string;
  end: string;
  capacity: number;
}

function isWeekday(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day >= 1 && day <= 5;
}

function instant(date: string, hhmm: string, plusMinutes = 0): string {
  const t = new Date(Date.parse(`${date}T${hhmm}:00+08:00`) + plusMinutes * 60_000);
  // Shown in China time, with its offset, as the contract asks.
  return new Date(t.getTime() + 8 * 3600_000).toISOString().replace('.000Z', '+08:00');
}

export function slotsFor(centerId: string, date: string): SlotDefinition[] {
  const center = SERVICE_CENTERS.find((c) => c.id === centerId);
  if (!center || !isWeekday(date)) return [];
  return SLOT_STARTS.map((hhmm) => ({
    slotId: `${centerId}_${date.replaceAll('-', '')}_${hhmm.replace(':', '')}`,
    serviceCenterId: centerId,
    start: instant(date, hhmm),
    end: instant(date, hhmm, SLOT_MINUTES),
    capacity: center.slotCapacity,
  }));
}

/** The days slots are offered on: from today until `horizonDays` ahead. */
export interface BookingWindow {
  today: string;
  horizonDays: number;
}

/**
 * The slots offered on `date`: none before today or beyond the horizon, so a slot id made up for year 9999 is
 * not a slot. The horizon is the booking's application deadline: a visit after it would find the case expired.
 */
export function offeredSlots(centerId: string, date: string, window: BookingWindow): SlotDefinition[] {
  if (date < window.today || date > addDays(window.today, window.horizonDays)) return [];
  return slotsFor(centerId, date);
}

/** The offered slot with this id, or undefined when the service does not offer it. */
export function findSlot(slotId: string, window: BookingWindow): SlotDefinition | undefined {
  const m = /^([a-z-]+)_(\d{4})(\d{2})(\d{2})_(\d{4})$/.exec(slotId);
  if (!m?.[1]) return undefined;
  const date = `${m[2]}-${m[3]}-${m[4]}`;
  return offeredSlots(m[1], date, window).find((s) => s.slotId === slotId);
}

export function toPublicSlot(def: SlotDefinition, booked: number): Slot {
  return { slotId: def.slotId, start: def.start, end: def.end, capacity: def.capacity, remaining: Math.max(0, def.capacity - booked) };
}
