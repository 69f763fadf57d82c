// Packaging only: `npm run build` produces dist/, Forge wraps it into installers.
import type { ForgeConfig } from '@electron-forge/shared-types';

const config: ForgeConfig = {
  packagerConfig: {
    name: 'TinyDeploy',
    executableName: 'tinydeploy',
    asar: true,
    ignore: [/^\/(test|bench|native|\.ci|scripts|core|renderer\/src|electron)(\/|$)/],
  },
  makers: [
    { name: '@electron-forge/maker-zip', platforms: ['linux', 'darwin', 'win32'], config: {} },
    { name: '@electron-forge/maker-deb', platforms: ['linux'], config: {} },
  ],
};

export default config;
