// The preload exposes one small typed object (core/api's ServiceBridge); it never hands raw ipcRenderer to the page.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { CallResult, ServiceBridge, ServiceEventDto, ServiceMethod } from '../core/api/service.js';

const bridge: ServiceBridge = {
  call: (method: ServiceMethod, arg?: unknown): Promise<CallResult> => ipcRenderer.invoke('tinydeploy:call', method, arg) as Promise<CallResult>,
  onEvent: (listener: (event: ServiceEventDto) => void): (() => void) => {
    const wrapped = (_e: IpcRendererEvent, event: ServiceEventDto): void => listener(event);
    ipcRenderer.on('tinydeploy:event', wrapped);
    return () => { ipcRenderer.off('tinydeploy:event', wrapped); };
  },
};

contextBridge.exposeInMainWorld('tinydeploy', bridge);
