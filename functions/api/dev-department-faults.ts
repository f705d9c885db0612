import { httpHandler } from './http/handler.ts';
import { notFound } from './http/problem.ts';
import { operations } from './routes.ts';

/** Local development only: switches a department stand-in to down, slow, erratic or malformed answers. Absent (404) elsewhere. */
export const handler = httpHandler(operations.setDepartmentFault, {
  async handle({ params, body, rt }) {
    if (!rt.faults) throw notFound('This endpoint');
    await rt.faults.set(params.department, body);
    return { status: 200, body: { department: params.department, ...body } };
  },
});
