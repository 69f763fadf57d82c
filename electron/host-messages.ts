// Messages between the main process and the service's utility process (typed by core/api).
import type { CallResult, ServiceEventDto } from '../core/api/service.js';

export type HostReply =
  | { readonly kind: 'result'; readonly id: number; readonly result: CallResult }
  | { readonly kind: 'event'; readonly event: ServiceEventDto };
