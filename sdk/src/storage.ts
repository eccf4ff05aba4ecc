// Where the SDK keeps what must outlive a socket or a page: the session's tokens, sync cursors and unsent
// messages. Any key-value store fits (sync or async); memory by default, localStorage in browsers.

export interface KeyValueStorage {
  get(key: string): string | null | Promise<string | null>;
  set(key: string, value: string): void | Promise<void>;
  remove(key: string): void | Promise<void>;
}

/** Lives as long as the process or page: right for bots, tests and servers. */
export class MemoryStorage implements KeyValueStorage {
  private readonly values = new Map<string, string>();

  get(key: string): string | null {
    return this.values.get(key) ?? null;
  }

  set(key: string, value: string): void {
    this.values.set(key, value);
  }

  remove(key: string): void {
    this.values.delete(key);
  }
}

interface WebStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Browser storage (localStorage by default): tokens, cursors and the outbox survive a reload. */
export class LocalStorageAdapter implements KeyValueStorage {
  private readonly store: WebStorage;

  constructor(store?: WebStorage) {
    const found = store ?? (globalThis as { localStorage?: WebStorage }).localStorage;
    if (!found) throw new Error('LocalStorageAdapter needs window.localStorage (or a Storage passed in)');
    this.store = found;
  }

  get(key: string): string | null {
    return this.store.getItem(key);
  }

  set(key: string, value: string): void {
    this.store.setItem(key, value);
  }

  remove(key: string): void {
    this.store.removeItem(key);
  }
}

export async function readJson<T>(storage: KeyValueStorage, key: string): Promise<T | null> {
  const raw = await storage.get(key);
  if (raw === null) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return null;
  }
}

export async function writeJson(storage: KeyValueStorage, key: string, value: unknown): Promise<void> {
  await storage.set(key, JSON.stringify(value));
}
