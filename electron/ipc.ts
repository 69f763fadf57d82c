// The IPC bridge: every call checks the sender (our own page only) and the argument (core/api's METHOD_GUARDS)
// before it reaches the service in the utility process.
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { pathToFileURL } from 'node:url';
import { ErrorCode, METHOD_GUARDS, isServiceMethod, type CallResult } from '../core/api/index.js';
import { ServiceClient } from './service-client.js';

function refused(message: string): CallResult {
  return { ok: false, error: { code: ErrorCode.InvalidArgument, name: 'Refused', message } };
}

/** True only for the app's own index.html in a frame of one of our windows. */
export function trustedSender(event: IpcMainInvokeEvent, indexHtml: string): boolean {
  const url = event.senderFrame?.url ?? '';
  const page = pathToFileURL(indexHtml).href;
  return url === page || url.startsWith(`${page}#`) || url.startsWith(`${page}?`);
}

export function registerIpc(indexHtml: string, windows: () => readonly WebContents[]): ServiceClient {
  const service = new ServiceClient((event) => { for (const w of windows()) if (!w.isDestroyed()) w.send('tinydeploy:event', event); });
  ipcMain.handle('tinydeploy:call', (event, method: unknown, arg: unknown): CallResult | Promise<CallResult> => {
    if (!trustedSender(event, indexHtml)) return refused(`Refused an api call from an untrusted page (${event.senderFrame?.url ?? 'unknown'}).`);
    if (!isServiceMethod(method)) return refused(`Unknown api method ${String(method).slice(0, 60)}.`);
    if (!METHOD_GUARDS[method](arg)) return refused(`Bad argument for ${method}.`);
    return service.call(method, arg);
  });
  return service;
}
