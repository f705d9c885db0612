import { SERVICE_CENTERS } from '../shared/service-centers.ts';
import { httpHandler } from './http/handler.ts';
import { operations } from './routes.ts';

export const handler = httpHandler(operations.listServiceCenters, {
  async handle() {
    return { status: 200, body: SERVICE_CENTERS.map(({ id, name, address }) => ({ id, name, address })) };
  },
});
