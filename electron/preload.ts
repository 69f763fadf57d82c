// The preload exposes one small typed object; it never hands raw ipcRenderer to the page.
import { contextBridge, ipcRenderer } from 'electron';
import type { AppInfoDto } from '../core/api/app.js';

const api = {
  appInfo: (): Promise<AppInfoDto> => ipcRenderer.invoke('tinydeploy:app-info') as Promise<AppInfoDto>,
};

export type TinyDeployBridge = typeof api;

contextBridge.exposeInMainWorld('tinydeploy', api);
