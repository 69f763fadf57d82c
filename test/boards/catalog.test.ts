import { describe, expect, it } from 'vitest';
import {
  BOARDS, boardById, boardForFqbn, boardForUsbId, boardsForFqbn, coreById, coreIdOfFqbn, normalizeUsbHex,
} from '../../core/boards/index.js';

describe('board catalog: internal consistency', () => {
  it('has unique ids and, among FQBN owners, unique FQBNs', () => {
    const ids = BOARDS.map((b) => b.id);
    expect(new Set(ids).size).toBe(ids.length);
    const owned = BOARDS.filter((b) => b.fqbn && !b.sameBuildAs).map((b) => b.fqbn!.split(':').slice(0, 3).join(':'));
    expect(new Set(owned).size).toBe(owned.length);
  });

  it('points every twin at an owner with the same FQBN and core', () => {
    for (const b of BOARDS.filter((x) => x.sameBuildAs)) {
      const owner = boardById(b.sameBuildAs!);
      expect(owner, b.id).toBeDefined();
      expect(owner!.sameBuildAs, `${b.id}: owner is itself a twin`).toBeUndefined();
      expect(owner!.fqbn).toBe(b.fqbn);
      expect(owner!.core).toBe(b.core);
    }
  });

  it('names a known core for every FQBN, and the FQBN belongs to that core', () => {
    for (const b of BOARDS) {
      if (b.fqbn === null) {
        expect(b.core, b.id).toBeNull();
        continue;
      }
      expect(coreById(b.core!), `${b.id}: core ${b.core}`).toBeDefined();
      expect(coreIdOfFqbn(b.fqbn)).toBe(b.core);
      expect(coreById(b.core!)!.indexUrl).toMatch(/^https:\/\/\S+\.json$/);
    }
  });

  it('has plausible memory, clock and USB figures', () => {
    for (const b of BOARDS) {
      expect(b.ramBytes, b.id).toBeGreaterThan(0);
      expect(b.ramBytes, `${b.id}: RAM must not exceed flash`).toBeLessThanOrEqual(b.flashBytes);
      expect(b.clockHz, b.id).toBeGreaterThanOrEqual(1_000_000);
      expect(b.arch === 'avr' ? b.fpu : 'ok', `${b.id}: an AVR has no FPU`).not.toBe('sp');
      for (const u of b.usb) {
        expect(u.vid, b.id).toMatch(/^[0-9a-f]{4}$/);
        expect(u.pid, b.id).toMatch(/^[0-9a-f]{4}$/);
      }
      expect(b.simulated || b.usb.length > 0, `${b.id}: a real board needs a USB id`).toBe(true);
      expect(b.upload.recovery.length, b.id).toBeGreaterThan(10);
    }
  });

  it('resolves every non-generic USB id of an owner back to that owner, certainly', () => {
    for (const b of BOARDS.filter((x) => !x.sameBuildAs)) {
      for (const u of b.usb.filter((x) => !x.generic)) {
        const m = boardForUsbId(`0x${u.vid.toUpperCase()}`, u.pid);
        expect(m?.board.id, `${b.id} ${u.vid}:${u.pid}`).toBe(b.id);
        expect(m?.certain).toBe(true);
      }
    }
  });

  it('covers the boards the course uses', () => {
    for (const id of ['uno', 'nano', 'mega2560', 'nano33ble-sense-rev1', 'nano33ble-sense-rev2', 'nano-rp2040-connect',
      'nano-esp32', 'xiao-esp32s3', 'xiao-esp32s3-sense', 'xiao-nrf52840', 'xiao-nrf52840-sense', 'pico',
      'portenta-h7', 'nicla-vision', 'uno-sim', 'cortex-m4f-sim']) {
      expect(boardById(id), id).toBeDefined();
    }
  });
});

describe('board catalog: lookups', () => {
  it('names the Nano 33 BLE Sense from its USB id and offers both revisions', () => {
    const m = boardForUsbId('2341', '805A')!;
    expect(m.board.name).toBe('Arduino Nano 33 BLE Sense');
    expect(m.candidates.map((b) => b.id)).toEqual(['nano33ble-sense-rev1', 'nano33ble-sense-rev2']);
    expect(m.usb.mode).toBe('sketch');
    expect(boardForUsbId(0x2341, 0x005a)!.usb.mode).toBe('bootloader');
  });

  it('tells the two IMUs of the Nano 33 BLE Sense revisions apart', () => {
    const imu = (id: string) => boardById(id)!.sensors.find((s) => s.kind === 'imu')!.part;
    expect(imu('nano33ble-sense-rev1')).toBe('LSM9DS1');
    expect(imu('nano33ble-sense-rev2')).toBe('BMI270');
  });

  it('marks USB-serial bridges as uncertain and ignores unknown or malformed ids', () => {
    const ch340 = boardForUsbId('1a86', '7523')!;
    expect(ch340.board.id).toBe('nano');
    expect(ch340.certain).toBe(false);
    expect(boardForUsbId('dead', 'beef')).toBeUndefined();
    for (const junk of ['', 'zz', '0x', '12345', '-1', ' 0x2341x']) expect(boardForUsbId(junk, '0043')).toBeUndefined();
    expect(boardForUsbId(70000, 1)).toBeUndefined();
  });

  it('finds boards by FQBN with or without options, owner first', () => {
    expect(boardForFqbn('arduino:avr:uno')!.id).toBe('uno');
    expect(boardsForFqbn('arduino:avr:uno').map((b) => b.id)).toEqual(['uno', 'uno-sim']);
    expect(boardForFqbn('arduino:avr:nano')!.id).toBe('nano');
    expect(boardForFqbn('arduino:avr:mega:cpu=atmega2560')!.name).toBe('Arduino Mega 2560');
    expect(boardForFqbn('arduino:mbed_nano:nano33ble')!.id).toBe('nano33ble-sense-rev1');
    expect(boardForFqbn('nonsense')).toBeUndefined();
    expect(boardForFqbn('')).toBeUndefined();
  });

  it('normalises hex ids and rejects garbage', () => {
    expect(normalizeUsbHex('0x2A03')).toBe('2a03');
    expect(normalizeUsbHex('43')).toBe('0043');
    expect(normalizeUsbHex(0x2e8a)).toBe('2e8a');
    expect(normalizeUsbHex('0xg000')).toBeNull();
    expect(normalizeUsbHex(1.5)).toBeNull();
    expect(coreIdOfFqbn('arduino:avr')).toBeNull();
    expect(coreIdOfFqbn('a b:c:d')).toBeNull();
  });
});
