/**
 * How many text messages the product will send, so nobody can use a booking to flood a stranger's phone.
 * These are product defaults, not law: no rule sets them. Chosen so a family sharing one phone can book,
 * withdraw and book again within a day, while a script cannot flood a stranger's number.
 */
export interface Quota {
  limit: number;
  windowSeconds: number;
}

export interface MessageQuotas {
  /** Messages to one phone number. */
  perNumber: Quota;
  /** Messages caused by one caller (a citizen, a staff member or a platform client). */
  perCaller: Quota;
}

export const DEFAULT_MESSAGE_QUOTAS: MessageQuotas = {
  perNumber: { limit: 5, windowSeconds: 24 * 3600 },
  // A government platform books for many people; this bounds what a leaked platform secret could send.
  perCaller: { limit: 5000, windowSeconds: 3600 },
};
