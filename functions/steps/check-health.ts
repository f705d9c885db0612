import { departmentCheckHandler } from './department-check.ts';

/** 卫健 is asked only where the city's policy says it takes part (`health.takesPart`). */
export const handler = departmentCheckHandler('health', (rt) => rt.policy.health.takesPart);
