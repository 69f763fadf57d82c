// Packaging only: `npm run build` produces dist/, Forge wraps it into installers for Linux, Windows and macOS.
import type { ForgeConfig } from '@electron-forge/shared-types';

const config: ForgeConfig = {
  packagerConfig: {
    name: 'TinyDeploy',
    executableName: 'tinydeploy',
    asar: true,
    // Forge adds .ico/.icns per platform; the PNG is rendered from renderer/public/icon.svg.
    icon: 'renderer/public/icon',
    ignore: [/^\/(test|bench|native|templates|examples|\.ci|\.tools|scripts|core|renderer\/src|electron|test-results)(\/|$)/],
    // Files core reads at run time, copied beside the app (process.resourcesPath; core/resources.ts finds them):
    // the sketch templates, the C the sketches copy (kernels, protocol, RAM glue, the M4F target), the examples.
    extraResource: ['templates', 'native', 'examples'],
  },
  makers: [
    { name: '@electron-forge/maker-zip', platforms: ['linux', 'darwin', 'win32'], config: {} },
    { name: '@electron-forge/maker-deb', platforms: ['linux'], config: { options: { icon: 'renderer/public/icon.png', categories: ['Development', 'Education'] } } },
    { name: '@electron-forge/maker-rpm', platforms: ['linux'], config: { options: { icon: 'renderer/public/icon.png', categories: ['Development', 'Education'] } } },
    { name: '@electron-forge/maker-squirrel', platforms: ['win32'], config: { name: 'TinyDeploy' } },
    { name: '@electron-forge/maker-dmg', platforms: ['darwin'], config: { format: 'ULFO' } },
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
