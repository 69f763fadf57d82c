// Lint rules that keep DESIGN.md's import directions: each core folder imports only the folders its row allows,
// core never reaches the shells, the renderer sees only core/api types.
import tseslint from 'typescript-eslint';

const shells = ['**/electron/**', '**/renderer/**', 'electron'];
const coreFolders = ['api', 'model', 'formats', 'runtime', 'compress', 'codegen', 'boards', 'sketch', 'toolchain', 'device', 'jobs', 'server'];
// DESIGN.md's table: folder → the core folders it may import (besides itself).
const allowed = {
  api: [],
  model: ['api'],
  formats: ['model', 'api'],
  runtime: ['model', 'api'],
  compress: ['model', 'runtime', 'formats', 'api'],
  codegen: ['model', 'api'],
  boards: ['api'],
  sketch: ['codegen', 'boards', 'model', 'api'],
  toolchain: ['boards', 'api'],
  device: ['boards', 'runtime', 'model', 'api'],
  jobs: coreFolders,
  server: ['jobs', 'api', ...coreFolders],
};

function coreRule(folder) {
  const banned = coreFolders.filter((f) => f !== folder && !allowed[folder].includes(f));
  const patterns = [{ group: shells, message: 'core/ must not import electron/ or renderer/ code (DESIGN.md).' }];
  if (banned.length > 0) {
    patterns.push({
      group: banned.flatMap((f) => [`../${f}`, `../${f}/*`, `../../${f}/*`, `**/core/${f}/*`]),
      message: `core/${folder} may import only ${allowed[folder].join(', ') || 'nothing'} (DESIGN.md).`,
    });
  }
  return { files: [`core/${folder}/**/*.ts`], rules: { 'no-restricted-imports': ['error', { patterns }] } };
}

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vite/**', 'native/**', 'test/fixtures/**', 'scripts/**/*.py'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...coreFolders.map(coreRule),
  {
    files: ['core/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: shells, message: 'core/ must not import electron/ or renderer/ code (DESIGN.md).' }] }] },
  },
  // Benchmarks and tests share their helpers through test/support only (code review, item 5).
  {
    files: ['bench/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: '(^|/)test/(?!support/)', message: 'bench/ imports only test/support from test/: move a helper both need there.' }] }] },
  },
  {
    files: ['test/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/bench/**'], message: 'Tests do not import bench/: move what both need to test/support.' }] }] },
  },
  {
    files: ['renderer/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/core/*', '!**/core/api'], message: 'The renderer talks to core only through core/api (DESIGN.md).' },
        { group: ['**/core/api', '**/core/api/*'], allowTypeImports: true, message: 'The renderer imports only types from core/api.' },
        { group: ['node:*', 'fs', 'path', 'child_process', 'electron'], message: 'The renderer runs sandboxed: no Node or Electron modules.' },
      ] }],
    },
  },
);
