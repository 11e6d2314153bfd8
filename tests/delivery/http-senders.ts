// Small ChannelSenders over real HTTP for the delivery tests and benches: one attempt per call,
// failures mapped to DeliveryError the way the dispatcher expects. The channels' production
// senders (src/channels/**) follow the same mapping.
import { replyToPlainText, type Reply } from '../../src/conversation/message';
import { DeliveryError, type ChannelSender } from '../../src/delivery/ports';

export function telegramSender(apiRoot: string, token: string, timeoutMs = 1000): ChannelSender {
  return {
    channel: 'telegram',
    async send(chatId: string, reply: Reply) {
      let res: Response;
      try {
        res = await fetch(`${apiRoot}/bot${token}/sendMessage`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ chat_id: chatId, text: replyToPlainText(reply) }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        throw new DeliveryError(`telegram: ${error instanceof Error ? error.name : 'network error'}`, 'transient');
      }
      const body = (await res.json().catch(() => ({}))) as { ok?: boolean; description?: string; parameters?: { retry_after?: number } };
      if (res.ok && body.ok) return;
      const what = `telegram: ${res.status} ${body.description ?? ''}`.trim();
      if (res.status === 429) throw new DeliveryError(what, 'rate_limited', (body.parameters?.retry_after ?? 1) * 1000);
      if (res.status >= 500) throw new DeliveryError(what, 'transient');
      throw new DeliveryError(what, 'permanent');
    },
  };
}

export interface ZaloTokens {
  accessToken: string;
  refreshToken: string;
}

export function zaloSender(root: string, appId: string, appSecret: string, tokens: ZaloTokens, timeoutMs = 1000): ChannelSender {
  async function refresh(): Promise<void> {
    const res = await fetch(`${root}/v4/oa/access_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', secret_key: appSecret },
      body: new URLSearchParams({ refresh_token: tokens.refreshToken, app_id: appId, grant_type: 'refresh_token' }).toString(),
    });
    const body = (await res.json()) as { access_token?: string; refresh_token?: string };
    if (!body.access_token || !body.refresh_token) throw new DeliveryError('zalo: token refresh failed', 'transient');
    tokens.accessToken = body.access_token;
    tokens.refreshToken = body.refresh_token;
  }
  return {
    channel: 'zalo',
    async send(chatId: string, reply: Reply) {
      let res: Response;
      try {
        res = await fetch(`${root}/v3.0/oa/message/cs`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', access_token: tokens.accessToken },
          body: JSON.stringify({ recipient: { user_id: chatId }, message: { text: replyToPlainText(reply) } }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        throw new DeliveryError(`zalo: ${error instanceof Error ? error.name : 'network error'}`, 'transient');
      }
      if (res.status >= 500) throw new DeliveryError(`zalo: ${res.status}`, 'transient');
      const body = (await res.json().catch(() => ({}))) as { error?: number; message?: string };
      if (body.error === 0) return;
      if (body.error === -216) {
        await refresh();
        throw new DeliveryError('zalo: access token expired (-216), refreshed', 'transient');
      }
      if (body.error === -213) throw new DeliveryError('zalo: outside the free-reply window (-213)', 'outside_window');
      throw new DeliveryError(`zalo: error ${body.error}`, 'permanent');
    },
  };
}
