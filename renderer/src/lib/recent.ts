// Recent projects, remembered in localStorage: examples by id, small picked files with their bytes.
import type { ModelSourceDto } from '../../../core/api/index.js';

export interface RecentEntry {
  readonly title: string;
  readonly source: ModelSourceDto;
  readonly openedAt: number;
}

const KEY = 'tinydeploy.recent.v1';
/** Files larger than this are listed by name only (localStorage holds ~5 MB per origin). */
const MAX_STORED_BASE64 = 1_000_000;

export function loadRecent(): RecentEntry[] {
  try {
    const list = JSON.parse(localStorage.getItem(KEY) ?? '[]') as RecentEntry[];
    return Array.isArray(list) ? list.filter((e) => e && typeof e.title === 'string' && e.source).slice(0, 6) : [];
  } catch {
    return [];
  }
}

export function remember(title: string, source: ModelSourceDto): RecentEntry[] {
  if (source.kind === 'file' && source.base64.length > MAX_STORED_BASE64) return loadRecent();
  const list = [{ title, source, openedAt: Date.now() }, ...loadRecent().filter((e) => e.title !== title)].slice(0, 6);
  try {
    localStorage.setItem(KEY, JSON.stringify(list));
  } catch {
    // a full or disabled storage only loses the recent list
  }
  return list;
}
