// DESIGN.md's import directions are enforced by eslint.config.js; these cases prove the rules bite.
import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/tools.js';

const eslint = new ESLint({ cwd: REPO_ROOT });

async function restrictedImportErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(REPO_ROOT, file) });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import directions', () => {
  it('core never imports electron/ or renderer/ code', async () => {
    expect(await restrictedImportErrors('core/jobs/x.ts', "import { a } from '../../electron/ipc.js';\nexport const b = a;\n")).toHaveLength(1);
    expect(await restrictedImportErrors('core/formats/x.ts', "import { a } from '../../renderer/src/client.js';\nexport const b = a;\n")).toHaveLength(1);
  });

  it('a core folder imports only the folders DESIGN.md allows', async () => {
    expect(await restrictedImportErrors('core/model/x.ts', "import { a } from '../runtime/index.js';\nexport const b = a;\n")).toHaveLength(1);
    expect(await restrictedImportErrors('core/codegen/x.ts', "import { a } from '../runtime/index.js';\nexport const b = a;\n")).toHaveLength(1);
    expect(await restrictedImportErrors('core/runtime/x.ts', "import { a } from '../model/index.js';\nexport const b = a;\n")).toHaveLength(0);
    expect(await restrictedImportErrors('core/api/x.ts', "import { a } from '../model/index.js';\nexport const b = a;\n")).toHaveLength(1);
  });

  it('the renderer imports only types from core/api', async () => {
    expect(await restrictedImportErrors('renderer/src/x.ts', "import type { ErrorDto } from '../../core/api/index.js';\nexport type E = ErrorDto;\n")).toHaveLength(0);
    expect(await restrictedImportErrors('renderer/src/x.ts', "import { toErrorDto } from '../../core/api/index.js';\nexport const f = toErrorDto;\n")).toHaveLength(1);
    expect(await restrictedImportErrors('renderer/src/x.ts', "import { readTflite } from '../../core/formats/tflite/index.js';\nexport const f = readTflite;\n")).toHaveLength(1);
    expect(await restrictedImportErrors('renderer/src/x.ts', "import fs from 'node:fs';\nexport const f = fs;\n")).toHaveLength(1);
  });

  it('bench/ and test/ share helpers through test/support only', async () => {
    expect(await restrictedImportErrors('bench/x.ts', "import { a } from '../test/support/tools.js';\nexport const b = a;\n")).toHaveLength(0);
    expect(await restrictedImportErrors('bench/x.ts', "import { a } from '../test/native/support/firmware.js';\nexport const b = a;\n")).toHaveLength(1);
    expect(await restrictedImportErrors('bench/x.ts', "import { a } from '../test/conformance/tflm.js';\nexport const b = a;\n")).toHaveLength(1);
    expect(await restrictedImportErrors('test/compress/x.test.ts', "import { a } from '../../bench/compress.js';\nexport const b = a;\n")).toHaveLength(1);
  });
});
