import { departmentCheckHandler } from './department-check.ts';

export const handler = departmentCheckHandler('hr');
