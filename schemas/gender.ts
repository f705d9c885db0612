import { z } from 'zod';

/*
 * Its own file, importing nothing from the project, so that the domain rules (id-number.ts reads the
 * gender from the ID) can use the type without importing common.ts, which imports them back.
 */
export const Gender = z.enum(['male', 'female']).meta({ id: 'Gender' });
export type Gender = z.infer<typeof Gender>;
