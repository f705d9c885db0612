/**
 * The delivery Lambda's limits, shared with infra/aws (its timeout is derived from them): rounds start only
 * within the budget and each attempt ends within its timeout, so a run ends well before the Lambda's timeout.
 * The first retry waits as on the embedded hosting (5 s), doubling for the 24 hours the contract promises.
 */
export const DELIVERY = { budgetMs: 40_000, attemptTimeoutMs: 10_000, retryBaseMs: 5_000 } as const;
