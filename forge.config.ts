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
  hooks: {
    // electron is an optionalDependency (its binary download may fail without failing `npm install`), but Forge
    // reads Electron's version from devDependencies: hand it the exact version pinned there.
    readPackageJson: async (_config, packageJson: Record<string, unknown>) => {
      const optional = (packageJson.optionalDependencies ?? {}) as Record<string, string>;
      const dev = (packageJson.devDependencies ?? {}) as Record<string, string>;
      if (optional.electron && !dev.electron) packageJson.devDependencies = { ...dev, electron: optional.electron };
      return packageJson;
    },
  },
};

export default config;
