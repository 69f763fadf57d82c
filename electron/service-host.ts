// Electron's utility process: the one NodeService of the desktop app. Model import, compression (tfjs) and the
// serial monitors run here, so the main process and the window never block on ML work.
import { dispatch } from '../core/server/rpc.js';
import { NodeService } from '../core/server/service.js';
import type { RpcCall } from '../core/api/service.js';
import type { HostReply } from './host-messages.js';

const service = new NodeService({ compressMode: 'inline' });
const port = process.parentPort;

port.on('message', (e: { data: RpcCall }) => {
  const { id, method, arg } = e.data;
  void dispatch(service, method, arg).then((result) => port.postMessage({ kind: 'result', id, result } satisfies HostReply));
});
service.events.on('event', (event) => port.postMessage({ kind: 'event', event } satisfies HostReply));
