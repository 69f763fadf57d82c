// The core packages the catalog's boards need, with the package index each one is listed in.
import type { CorePackage } from './types.js';

/** arduino-cli's built-in index: cores listed here need no board_manager.additional_urls entry. */
export const ARDUINO_INDEX_URL = 'https://downloads.arduino.cc/packages/package_index.json';
export const ESP32_INDEX_URL = 'https://espressif.github.io/arduino-esp32/package_esp32_index.json';
export const SEEED_INDEX_URL = 'https://files.seeedstudio.com/arduino/package_seeeduino_boards_index.json';

function arduinoCore(id: string, name: string): CorePackage {
  return { id, name, indexUrl: ARDUINO_INDEX_URL, additionalIndex: false };
}

export const CORES: readonly CorePackage[] = [
  arduinoCore('arduino:avr', 'Arduino AVR Boards'),
  arduinoCore('arduino:mbed_nano', 'Arduino Mbed OS Nano Boards'),
  arduinoCore('arduino:mbed_rp2040', 'Arduino Mbed OS RP2040 Boards'),
  arduinoCore('arduino:mbed_portenta', 'Arduino Mbed OS Portenta Boards'),
  arduinoCore('arduino:mbed_nicla', 'Arduino Mbed OS Nicla Boards'),
  arduinoCore('arduino:esp32', 'Arduino ESP32 Boards'),
  { id: 'esp32:esp32', name: 'esp32 by Espressif Systems', indexUrl: ESP32_INDEX_URL, additionalIndex: true },
  { id: 'Seeeduino:mbed', name: 'Seeed nRF52 mbed-enabled Boards', indexUrl: SEEED_INDEX_URL, additionalIndex: true },
];

export function coreById(id: string): CorePackage | undefined {
  return CORES.find((c) => c.id === id);
}

/** "arduino:avr:uno" (with or without ":option=value,…") → "arduino:avr"; null for anything that is not an FQBN. */
export function coreIdOfFqbn(fqbn: string): string | null {
  const parts = fqbn.split(':');
  if (parts.length < 3 || parts.slice(0, 3).some((p) => !/^[A-Za-z0-9_.-]+$/.test(p))) return null;
  return `${parts[0]}:${parts[1]}`;
}
