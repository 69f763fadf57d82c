// The one module that talks to core/api: IPC under Electron, HTTP/WebSocket against core/server in a browser.
import type { AppInfoDto } from '../../core/api/app.js';

interface Bridge {
  appInfo(): Promise<AppInfoDto>;
}

declare global {
  interface Window {
    tinydeploy?: Bridge;
  }
}

export async function fetchAppInfo(): Promise<AppInfoDto> {
  if (window.tinydeploy) return window.tinydeploy.appInfo();
  const res = await fetch('/api/app-info');
  if (!res.ok) throw new Error(`The TinyDeploy server answered ${res.status} for /api/app-info.`);
  return (await res.json()) as AppInfoDto;
}
