// The C files a sketch copies from native/: the model with the kernel files codegen selects for it, the protocol
// library, and the RAM-statistics glue of the board's architecture.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { FreeRamMethod } from '../boards/index.js';
import { kernelFilesFor, nativeKernelsDir, type NativeModel } from '../codegen/index.js';
import { ErrorCode, TinyDeployError } from '../api/index.js';
import { nativeDir, readShipped } from './template.js';

export interface ShippedFile {
  /** File name inside the sketch (flat: Arduino compiles the .c files of the sketch's root folder). */
  readonly name: string;
  readonly text: string;
}

/** The model's source and header, and the kernel files codegen selects for it (kernelFilesFor: those its calls reach). */
export function nativeModelFiles(model: NativeModel): ShippedFile[] {
  const kernels = kernelFilesFor(model.source);
  return [
    { name: model.headerFileName, text: model.header },
    { name: model.sourceFileName, text: model.source },
    ...[...kernels.headers, ...kernels.sources].map((f) => ({ name: path.basename(f), text: readShipped(f) })),
  ];
}

/** One kernel header by name (the TFLM backend's demo vectors use td_fixedpoint.h's flash macros). */
export function kernelHeader(name: string): ShippedFile {
  return { name, text: readShipped(path.join(nativeKernelsDir(), name)) };
}

/** td_protocol.h and td_protocol.c (proto's board-side library). */
export function protocolFiles(): ShippedFile[] {
  const dir = nativeDir('protocol');
  return ['td_protocol.h', 'td_protocol.c'].map((name) => ({ name, text: readShipped(path.join(dir, name)) }));
}

const RAM_GLUE: Record<FreeRamMethod, string | null> = {
  'avr-heap-gap': 'td_ram_avr.c',
  'mbed-heap-stats': 'td_ram_mbed.c',
  'esp-heap-caps': 'td_ram_esp.c',
  // Bare-metal newlib boards (the simulated M4F) run firmware built outside arduino-cli, not a sketch.
  'newlib-sbrk-gap': null,
};

/** td_ram.h plus the one td_ram_<arch>.c the board's FreeRamMethod needs (or all of them, for a library). */
export function ramFiles(method: FreeRamMethod | 'all'): ShippedFile[] {
  const dir = nativeDir('ram');
  let names: string[];
  if (method === 'all') {
    names = readdirSync(dir).filter((f) => /^td_ram_[a-z0-9]+\.c$/.test(f)).sort();
  } else {
    const glue = RAM_GLUE[method];
    if (glue === null) {
      throw new TinyDeployError(ErrorCode.InvalidArgument, `boards that read free RAM by "${method}" are not built from an Arduino sketch`, {
        advice: 'Pick an Arduino board (or the simulated Uno); the simulated Cortex-M4F runs the mps2 firmware instead.',
      });
    }
    names = [glue];
  }
  return ['td_ram.h', ...names].map((name) => ({ name, text: readShipped(path.join(dir, name)) }));
}
