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
}
