// The contract's argument guards: what the server and the IPC bridge refuse before any core code runs.
import { describe, expect, it } from 'vitest';
import { METHOD_GUARDS, isRpcCall, isServiceMethod } from '../../core/api/index.js';

describe('service contract guards', () => {
  it('knows exactly the service methods', () => {
    expect(isServiceMethod('compress')).toBe(true);
    expect(isServiceMethod('constructor')).toBe(false);
    expect(isServiceMethod('__proto__')).toBe(false);
    expect(isRpcCall({ id: 1, method: 'appInfo' })).toBe(true);
    expect(isRpcCall({ id: '1', method: 'appInfo' })).toBe(false);
  });

  it('checks model sources', () => {
    expect(METHOD_GUARDS.openModel({ kind: 'example', id: 'hello_world' })).toBe(true);
    expect(METHOD_GUARDS.openModel({ kind: 'file', name: 'm.tflite', base64: 'AAAA' })).toBe(true);
    expect(METHOD_GUARDS.openModel({ kind: 'path', path: '/etc/passwd' })).toBe(false);
    expect(METHOD_GUARDS.openModel({ kind: 'file', name: '', base64: 'AAAA' })).toBe(false);
    expect(METHOD_GUARDS.openModel(undefined)).toBe(false);
  });

  it('checks compress requests: job ids, fractions, epochs', () => {
    const ok = { jobId: 'c-1', modelId: 'abc', quantize: true };
    expect(METHOD_GUARDS.compress(ok)).toBe(true);
    expect(METHOD_GUARDS.compress({ ...ok, prune: { method: 'magnitude', amount: 0.5 } })).toBe(true);
    expect(METHOD_GUARDS.compress({ ...ok, prune: { method: 'magnitude', amount: 1.5 } })).toBe(false);
    expect(METHOD_GUARDS.compress({ ...ok, prune: { method: 'random', amount: 0.5 } })).toBe(false);
    expect(METHOD_GUARDS.compress({ ...ok, distillWidth: 0 })).toBe(false);
    expect(METHOD_GUARDS.compress({ ...ok, epochs: 2.5 })).toBe(false);
    expect(METHOD_GUARDS.compress({ ...ok, jobId: '../x' })).toBe(false);
    expect(METHOD_GUARDS.compress({ ...ok, quantize: 'yes' })).toBe(false);
  });

  it('checks board, deploy, monitor and cancel requests', () => {
    expect(METHOD_GUARDS.checkFit({ modelId: 'a', boardId: 'uno' })).toBe(true);
    expect(METHOD_GUARDS.checkFit({ modelId: 'a' })).toBe(false);
    expect(METHOD_GUARDS.installCore({ jobId: 'j', coreId: 'arduino:avr' })).toBe(true);
    expect(METHOD_GUARDS.installCore({ jobId: 'j', coreId: 'arduino:avr; rm -rf /' })).toBe(false);
    expect(METHOD_GUARDS.deploy({ jobId: 'd', modelId: 'm', boardId: 'uno-sim' })).toBe(true);
    expect(METHOD_GUARDS.deploy({ jobId: 'd', modelId: 'm', boardId: 'uno-sim', periodMs: 10 })).toBe(true);
    expect(METHOD_GUARDS.deploy({ jobId: 'd', modelId: 'm', boardId: 'uno-sim', periodMs: -1 })).toBe(false);
    expect(METHOD_GUARDS.startMonitor({ jobId: 'm', port: '' })).toBe(false);
    expect(METHOD_GUARDS.cancel({ jobId: 'x y' })).toBe(false);
    expect(METHOD_GUARDS.appInfo({})).toBe(false);
  });
});
