// The Zalo OA token pair, persisted because refresh tokens are single-use: losing the newest
// pair means an operator has to authorise the OA again by hand.
export interface ZaloTables {
  zalo_tokens: {
    /** The OA's app id. */
    id: string;
    access_token: string;
    refresh_token: string;
    updated_at: number;
  };
  /** Button labels shown to a Zalo user and the payload each stands for (button-memory.ts). */
  zalo_buttons: {
    user_id: string;
    /** The label, NFC, trimmed, lower case. */
    label_key: string;
    payload: string;
    shown_at: number;
  };
}
