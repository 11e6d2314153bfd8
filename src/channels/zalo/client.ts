// The Zalo OA Open API client: sends consultation messages, and on -216 (expired access
// token) refreshes the pair once, persists it, and retries. Concurrent -216s share one refresh,
// since a refresh token works only once.
import http from 'node:http';
import https from 'node:https';
import type { ZaloMessage } from './render';
import type { ZaloTokens, ZaloTokenStore } from '../../store/zalo-tokens';

export const ZALO_EXPIRED_TOKEN = -216;

/** Zalo answered with a non-zero `error`. */
export class ZaloApiError extends Error {
  override readonly name = 'ZaloApiError';
  constructor(readonly code: number, description: string) {
    super(`zalo: API error ${code}: ${description}`);
  }
}

/** The token refresh was refused: an operator has to authorise the OA again. */
export class ZaloTokenError extends Error {
  override readonly name = 'ZaloTokenError';
  constructor(readonly code: number) {
    super(`zalo: token refresh refused (error ${code})`);
  }
}

/** Zalo could not be reached, timed out, or answered with an HTTP error. */
export class ZaloTransportError extends Error {
  override readonly name = 'ZaloTransportError';
  constructor(message: string, readonly status?: number) {
    super(`zalo: ${message}`);
  }
}

export interface ZaloClientOptions {
  apiRoot: string;
  oauthRoot: string;
  appId: string;
  appSecret: string;
  /** The pair from the config, used until the store holds a newer one. */
  initialTokens: ZaloTokens;
  store: ZaloTokenStore;
  timeoutMs?: number;
  now?: () => Date;
}

export class ZaloClient {
  private tokens: ZaloTokens | undefined;
  private readonly httpAgent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  private readonly httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 32 });
  private refreshing: Promise<ZaloTokens> | undefined;

  constructor(private readonly options: ZaloClientOptions) {}

  /** Closes idle keep-alive connections. */
  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  async sendMessage(userId: string, message: ZaloMessage): Promise<void> {
    const tokens = await this.currentTokens();
    try {
      await this.postMessage(tokens.accessToken, userId, message);
    } catch (error) {
      if (!(error instanceof ZaloApiError) || error.code !== ZALO_EXPIRED_TOKEN) throw error;
      const fresh = await this.refresh(tokens.accessToken);
      await this.postMessage(fresh.accessToken, userId, message);
    }
  }

  private async currentTokens(): Promise<ZaloTokens> {
    if (this.tokens) return this.tokens;
    let stored: ZaloTokens | undefined;
    try {
      stored = await this.options.store.load();
    } catch {
      // The database is away before the stored pair was ever read: try the configured pair
      // for this message (a reply must not fail for want of the store) and read it next time.
      return this.options.initialTokens;
    }
    this.tokens = stored ?? this.options.initialTokens;
    return this.tokens;
  }

  /** One refresh at a time; a caller whose token was already replaced just uses the new one. */
  private async refresh(expiredAccessToken: string): Promise<ZaloTokens> {
    if (this.tokens && this.tokens.accessToken !== expiredAccessToken) return this.tokens;
    this.refreshing ??= this.doRefresh().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async doRefresh(): Promise<ZaloTokens> {
    // Another process may have refreshed already: its pair is in the store.
    const stored = await this.options.store.load();
    const current = stored ?? this.tokens ?? this.options.initialTokens;
    if (this.tokens && stored && stored.accessToken !== this.tokens.accessToken) {
      this.tokens = stored;
      return stored;
    }
    const form = new URLSearchParams({ refresh_token: current.refreshToken, app_id: this.options.appId, grant_type: 'refresh_token' });
    const body = await this.post(`${this.options.oauthRoot}/v4/oa/access_token`, { secret_key: this.options.appSecret, 'content-type': 'application/x-www-form-urlencoded' }, form.toString());
    const accessToken = body.access_token;
    const refreshToken = body.refresh_token;
    if (typeof accessToken !== 'string' || typeof refreshToken !== 'string') {
      throw new ZaloTokenError(typeof body.error === 'number' ? body.error : -1);
    }
    const fresh = { accessToken, refreshToken };
    await this.options.store.save(fresh, this.options.now?.() ?? new Date());
    this.tokens = fresh;
    return fresh;
  }

  private async postMessage(accessToken: string, userId: string, message: ZaloMessage): Promise<void> {
    const body = await this.post(
      `${this.options.apiRoot}/v3.0/oa/message/cs`,
      { access_token: accessToken, 'content-type': 'application/json' },
      JSON.stringify({ recipient: { user_id: userId }, message }),
    );
    const code = typeof body.error === 'number' ? body.error : Number(body.error ?? 0);
    if (code !== 0) throw new ZaloApiError(code, typeof body.message === 'string' ? body.message : 'unknown');
  }

  /** node:http with a keep-alive agent: several times cheaper per call than fetch under load. */
  private post(url: string, headers: Record<string, string>, body: string): Promise<Record<string, unknown>> {
    const target = new URL(url);
    const transport = target.protocol === 'https:' ? https : http;
    const agent = target.protocol === 'https:' ? this.httpsAgent : this.httpAgent;
    return new Promise((resolve, reject) => {
      const req = transport.request(target, { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', () => reject(new ZaloTransportError('answer interrupted')));
        res.on('end', () => {
          clearTimeout(timer);
          const status = res.statusCode ?? 0;
          if (status < 200 || status >= 300) return reject(new ZaloTransportError(`HTTP ${status}`, status));
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>);
          } catch {
            reject(new ZaloTransportError('answer is not JSON'));
          }
        });
      });
      const timer = setTimeout(() => req.destroy(new ZaloTransportError('request timed out')), this.options.timeoutMs ?? 10_000);
      req.on('error', (error) => {
        clearTimeout(timer);
        reject(error instanceof ZaloTransportError ? error : new ZaloTransportError(`request failed (${error.name})`));
      });
      req.end(body);
    });
  }
}
