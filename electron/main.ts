// The Electron shell: one window with secure defaults; all work goes through core/api via the IPC bridge to a
// utility process. Nothing here navigates, opens windows, or grants a permission.
import { app, BrowserWindow, session, shell, webContents } from 'electron';
import path from 'node:path';
import { registerIpc } from './ipc.js';

const INDEX_HTML = path.join(__dirname, '..', 'renderer', 'index.html');
const ICON = path.join(__dirname, '..', 'renderer', 'icon.png');

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 1024,
    minHeight: 700,
    title: 'TinyDeploy',
    icon: ICON,
    webPreferences: {
      preload: path.join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    },
  });
  void win.loadFile(INDEX_HTML);
  return win;
}

// Every web contents, present and future: no navigation, no new windows (https links go to the system browser),
// no <webview>.
app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
});

app.whenReady().then(() => {
  // Camera, microphone, notifications, serial, USB, HID…: denied by default. The board's serial port is opened by
  // the utility process through core/device, never by the page.
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  session.defaultSession.setDevicePermissionHandler(() => false);
  const service = registerIpc(INDEX_HTML, () => webContents.getAllWebContents());
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  app.on('before-quit', () => service.stop());
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
