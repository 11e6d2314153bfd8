// Tables shared by every channel: when each chat last wrote to us.

export interface ChatTables {
  chat_activity: {
    channel: string;
    chat_id: string;
    last_inbound_at: number;
  };
  /** Incoming event ids already handled (Telegram update_id, Zalo event id): replays are dropped. */
  seen_events: {
    channel: string;
    event_id: string;
    seen_at: number;
  };
}
