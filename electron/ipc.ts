// The IPC bridge: every handler checks the sender's origin and validates its arguments before calling core.
import { app, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { APP_NAME, ErrorCode, TinyDeployError, type AppInfoDto } from '../core/api/index.js';

function assertTrustedSender(event: IpcMainInvokeEvent): void {
  const url = event.senderFrame?.url ?? '';
  if (!url.startsWith('file://')) {
    throw new TinyDeployError(ErrorCode.InvalidArgument, `Refused an IPC call from an untrusted page (${url}).`);
  }
}

export function registerIpc(): void {
  ipcMain.handle('tinydeploy:app-info', (event): AppInfoDto => {
    assertTrustedSender(event);
    return { name: APP_NAME, version: app.getVersion() };
  });
}
