/** Worker thread body: the department stand-ins, answering from the records it was given. */
import { parentPort, workerData } from 'node:worker_threads';
import type { DepartmentFault } from '../../schemas/department-faults.ts';
import { startDepartmentStandins } from './department-standins.ts';

const standins = await startDepartmentStandins({
  records: workerData.records,
  latencyMs: workerData.latencyMs,
  signingKey: workerData.signingKey,
  signatureWindowSeconds: workerData.signatureWindowSeconds,
});
parentPort!.postMessage({ ready: true, baseUrl: standins.baseUrl, port: standins.port });

parentPort!.on('message', async (msg: { id: number; op: string; dept?: never; value?: boolean; fault?: DepartmentFault }) => {
  let result: unknown;
  if (msg.op === 'setUnavailable') standins.setUnavailable(msg.dept!, msg.value!);
  else if (msg.op === 'setFault') standins.setFault(msg.dept!, msg.fault!);
  else if (msg.op === 'clearCalls') standins.clearCalls();
  else if (msg.op === 'calls') result = standins.calls();
  else if (msg.op === 'refusals') result = standins.refusals();
  else if (msg.op === 'stop') {
    await standins.stop();
    parentPort!.postMessage({ id: msg.id });
    parentPort!.close();
    return;
  }
  parentPort!.postMessage({ id: msg.id, result });
});
