import { SERVICE_CENTERS } from '../shared/service-centers.ts';
import { httpHandler } from './http/handler.ts';

export const handler = httpHandler({
  auth: 'public',
  async handle() {
    return { status: 200, body: SERVICE_CENTERS.map(({ id, name, address }) => ({ id, name, address })) };
  },
});
