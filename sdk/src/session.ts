// The logged-in session: the token pair in storage, refreshed before it expires or when the server says
// TOKEN_EXPIRED, one refresh at a time however many calls are waiting, respecting refresh-token rotation.
import { ApiError, NetworkError } from './errors.js';
import { type KeyValueStorage, readJson, writeJson } from './storage.js';
import type { LoginResult } from './types.js';

export interface StoredTokens {
  token: string;
  refreshToken: string;
  /** Epoch milliseconds when the access token stops working. */
  expiresAt: number;
  userId: string;
}

export type SessionChange = { loggedIn: true; userId: string } | { loggedIn: false; reason: string };

export interface SessionOptions {
  baseUrl: string;
  storage: KeyValueStorage;
  key: string;
  fetch: (input: Request) => Promise<Response>;
  /** Refresh this long before the access token expires (default 30 s). */
  refreshLeewayMs: number;
  onChange: (change: SessionChange) => void;
}

export class Session {
  private tokens: StoredTokens | null = null;
  private refreshing: Promise<StoredTokens> | null = null;

  constructor(private readonly options: SessionOptions) {}

  async load(): Promise<void> {
    this.tokens = await readJson<StoredTokens>(this.options.storage, this.options.key);
  }

  get userId(): string | null {
    return this.tokens?.userId ?? null;
  }

  get loggedIn(): boolean {
    return this.tokens !== null;
  }

  /** Keeps a login or refresh answer (the new refresh token replaces the spent one). */
  async adopt(
    result: Pick<LoginResult, 'token' | 'refreshToken' | 'expiresIn'> & { userId: string },
  ): Promise<StoredTokens> {
    const previous = this.tokens?.userId;
    const tokens: StoredTokens = {
      token: result.token,
      refreshToken: result.refreshToken,
      expiresAt: Date.now() + result.expiresIn * 1000,
      userId: result.userId,
    };
    this.tokens = tokens;
    await writeJson(this.options.storage, this.options.key, tokens);
    // A refresh is not news to the app; a login (or a different user) is.
    if (previous !== result.userId) this.options.onChange({ loggedIn: true, userId: result.userId });
    return tokens;
  }

  async clear(reason: string): Promise<void> {
    const had = this.tokens !== null;
    this.tokens = null;
    await this.options.storage.remove(this.options.key);
    if (had) this.options.onChange({ loggedIn: false, reason });
  }

  /** A usable access token: refreshed first when it expires within the leeway. Null when logged out. */
  async accessToken(): Promise<string | null> {
    if (!this.tokens) return null;
    if (this.tokens.expiresAt - Date.now() <= this.options.refreshLeewayMs) {
      return (await this.refresh(this.tokens.token)).token;
    }
    return this.tokens.token;
  }

  /**
   * Exchanges the refresh token for a new pair. Concurrent callers share one request; a caller whose
   * token was already replaced (by another call, or another tab sharing the storage) gets the new one.
   */
  refresh(staleToken?: string): Promise<StoredTokens> {
    if (this.refreshing) return this.refreshing;
    if (staleToken && this.tokens && this.tokens.token !== staleToken) return Promise.resolve(this.tokens);
    this.refreshing = this.exchange().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async exchange(): Promise<StoredTokens> {
    // Another tab may have rotated the pair already: its refresh token is the live one.
    const stored = await readJson<StoredTokens>(this.options.storage, this.options.key);
    if (stored && this.tokens && stored.refreshToken !== this.tokens.refreshToken) {
      this.tokens = stored;
      if (stored.expiresAt - Date.now() > this.options.refreshLeewayMs) return stored;
    }
    const current = this.tokens;
    if (!current) throw new ApiError(401, 'UNAUTHENTICATED', 'Not logged in');
    let response: Response;
    try {
      response = await this.options.fetch(
        new Request(`${this.options.baseUrl}/api/v1/auth/refresh`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ refreshToken: current.refreshToken }),
        }),
      );
    } catch (error) {
      throw new NetworkError(`Could not reach the server to refresh the session: ${String(error)}`);
    }
    const body = (await response.json().catch(() => null)) as {
      data?: { token: string; refreshToken: string; expiresIn: number };
    } | null;
    if (!response.ok || !body?.data) {
      const error = ApiError.fromBody(response.status, body);
      // 401: the refresh token is spent, expired or revoked: the session is over. Anything else may pass.
      if (response.status === 401) await this.clear('SESSION_ENDED');
      throw error;
    }
    return this.adopt({ ...body.data, userId: current.userId });
  }

  /**
   * fetch for the typed REST client: adds the bearer token and, when the server answers 401
   * TOKEN_EXPIRED, refreshes once and replays the request.
   */
  readonly authorizedFetch = async (request: Request): Promise<Response> => {
    const token = await this.accessToken();
    if (!token) return this.send(request, null);
    const replay = request.clone();
    const response = await this.send(request, token);
    if (response.status !== 401) return response;
    const body = (await response
      .clone()
      .json()
      .catch(() => null)) as { code?: string } | null;
    if (body?.code === 'UNAUTHENTICATED') {
      // The token was sound but its session is gone (logout elsewhere, password reset): log in again.
      if (this.tokens?.token === token) await this.clear('SESSION_ENDED');
      return response;
    }
    if (body?.code !== 'TOKEN_EXPIRED') return response;
    const fresh = await this.refresh(token);
    return this.send(replay, fresh.token);
  };

  private async send(request: Request, token: string | null): Promise<Response> {
    const headers = new Headers(request.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    try {
      return await this.options.fetch(new Request(request, { headers }));
    } catch (error) {
      throw new NetworkError(`Could not reach the server: ${String(error)}`);
    }
  }
}
