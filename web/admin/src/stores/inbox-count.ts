import { ref } from 'vue';
import { api } from '../api.js';

/** The number of entries in 待我处理, shown beside the menu item; refreshed on navigation and after actions. */
export const inboxTotal = ref<number | null>(null);

export async function refreshInboxCount(): Promise<void> {
  try {
    const r = await api.get<{ total: number }>('/api/inbox/counts', { silent: true, expectUnauthorized: true });
    inboxTotal.value = r.total;
  } catch {
    inboxTotal.value = null;
  }
}
