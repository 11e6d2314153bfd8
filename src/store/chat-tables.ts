// Tables shared by every channel: when each chat last wrote to us, the webhook events already
// handled, the webhook inbox, and what the assistant remembers of each conversation.
import type { Generated } from 'kysely';

export interface ChatTables {
  chat_activity: {
    channel: string;
    chat_id: string;
    last_inbound_at: number;
    /** Messages sent to the chat since it last wrote (Zalo: replies and outbox alike); reset when it writes. */
    sent_since_inbound: Generated<number>;
  };
  /** Incoming event ids already handled (Telegram update_id, Zalo event id): replays are dropped. */
  seen_events: {
    channel: string;
    event_id: string;
    seen_at: number;
  };
  /** Webhook events written before their 200 and marked done once handled (webhook-inbox.ts). */
  webhook_inbox: {
    /** `zalo`, `telegram:<bot id>`: as in seen_events. */
    channel: string;
    event_id: string;
    /** The raw request body while pending; '' once done (no message text kept). */
    body: string;
    received_at: number;
    claimed_until: number;
    done_at: number | null;
  };
  /**
   * What the assistant remembers of a chat (src/assistant/shared-memory.ts), so a follow-up or a
   * reply to a question back that reaches another process is understood: procedure codes only,
   * never the message text.
   */
  conversation_state: {
    /** `<channel>:<chat id>`, as the assistant keys its memory. */
    chat_key: string;
    /** The procedure last answered. */
    procedure_code: string | null;
    /** The procedures the last question back offered, comma-separated in button order. */
    choices: string | null;
    /** When it was set (ms): the assistant forgets a topic 30 minutes old. */
    updated_at: number;
  };
}
