// One api call as it arrives over HTTP, WebSocket or IPC: check the method and its argument, call the service.
import { ErrorCode, METHOD_GUARDS, TinyDeployError, isServiceMethod, toErrorDto, type ErrorDto, type TinyDeployService } from '../api/index.js';

export async function dispatch(service: TinyDeployService, method: unknown, arg: unknown): Promise<{ ok: true; value: unknown } | { ok: false; error: ErrorDto }> {
  try {
    if (!isServiceMethod(method)) throw new TinyDeployError(ErrorCode.InvalidArgument, `Unknown api method ${JSON.stringify(method)?.slice(0, 60)}.`);
    if (!METHOD_GUARDS[method](arg)) throw new TinyDeployError(ErrorCode.InvalidArgument, `Bad argument for ${method}.`, { advice: 'This is a bug in the front end; reload the page.' });
    const fn = service[method] as (a: unknown) => Promise<unknown>;
    const value = await fn.call(service, arg);
    return { ok: true, value: value === undefined ? null : value };
  } catch (err) {
    return { ok: false, error: toErrorDto(err) };
  }
}
