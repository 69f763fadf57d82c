// The port list merges the OS's ports (named through the catalog) with running simulated boards, and turns a
// failing OS list (no udevadm) into a warning instead of an error.
import { describe, expect, it } from 'vitest';
import { listPorts } from '../../core/device/port-list.js';
import type { VirtualBoard } from '../../core/device/virtual/types.js';
import { onPath } from '../support/tools.js';

const fakeBoard = (kind: 'uno' | 'cortex-m4f', port: string): VirtualBoard => ({
  kind,
  label: kind === 'uno' ? 'Arduino Uno (simulated)' : 'Cortex-M4F (simulated)',
  port,
  pid: -1,
  exited: new Promise(() => {}),
  stop: async () => {},
  reset: async () => {},
});

describe('listPorts', () => {
  it('names known USB ids through the board catalog and keeps unknown ports by address', async () => {
    const { ports, warnings } = await listPorts({
      listSystem: async () => [
        { path: '/dev/ttyACM0', vendorId: '2341', productId: '0043', manufacturer: 'Arduino (www.arduino.cc)' },
        { path: '/dev/ttyS0' },
        { path: '/dev/ttyUSB3', vendorId: 'zzzz', productId: '!!' },
      ],
      virtualBoards: () => [],
    });
    expect(warnings).toEqual([]);
    expect(ports[0]).toMatchObject({ address: '/dev/ttyACM0', label: 'Arduino Uno', certain: true, vendorId: '2341' });
    expect(ports[1]).toMatchObject({ address: '/dev/ttyS0', label: '/dev/ttyS0', certain: false });
    expect(ports[2]).toMatchObject({ address: '/dev/ttyUSB3', certain: false });
    expect(ports[2].boardId).toBeUndefined();
  });

  it('lists running simulated boards after the real ports, with their labels', async () => {
    const { ports } = await listPorts({
      listSystem: async () => [{ path: '/dev/ttyACM0' }],
      virtualBoards: () => [fakeBoard('uno', '/dev/pts/7'), fakeBoard('cortex-m4f', '/dev/pts/8')],
    });
    expect(ports.map((p) => [p.address, p.label, p.virtualKind])).toEqual([
      ['/dev/ttyACM0', '/dev/ttyACM0', undefined],
      ['/dev/pts/7', 'Arduino Uno (simulated)', 'uno'],
      ['/dev/pts/8', 'Cortex-M4F (simulated)', 'cortex-m4f'],
    ]);
    expect(ports[1].boardId).toBe('uno-sim');
  });

  it('still lists simulated boards when udevadm is missing, with a warning that says how to install it', async () => {
    const enoent = Object.assign(new Error('spawn udevadm ENOENT'), { code: 'ENOENT' });
    const { ports, warnings } = await listPorts({
      listSystem: async () => {
        throw enoent;
      },
      virtualBoards: () => [fakeBoard('uno', '/dev/pts/3')],
    });
    expect(ports.map((p) => p.address)).toEqual(['/dev/pts/3']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/apt-get install udev/);
  });

  it.skipIf(!onPath('udevadm').present())('asks the real OS list without failing on this machine', async () => {
    const { ports, warnings } = await listPorts();
    expect(Array.isArray(ports)).toBe(true);
    expect(warnings).toEqual([]);
  });
});
