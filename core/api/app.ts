export const APP_NAME = 'TinyDeploy';

export interface AppInfoDto {
  readonly name: string;
  readonly version: string;
}

export function isAppInfoDto(x: unknown): x is AppInfoDto {
  if (typeof x !== 'object' || x === null) return false;
  const o = x as Record<string, unknown>;
  return typeof o.name === 'string' && typeof o.version === 'string';
}
