// What the assistant remembers of each conversation (conversation_state), shared by the
// processes on one database (src/assistant/shared-memory.ts): the ConversationStates port and
// its Kysely implementation. Procedure codes only, never message text.
import type { Kysely } from 'kysely';
import type { Database } from './database';

/** What is remembered about one chat; `at` is when it was last set (ms). */
export interface ConversationState {
  /** The procedure last answered. */
  code?: string | undefined;
  /** The procedures the last question back offered, in button order. */
  choices?: readonly string[] | undefined;
  at: number;
}

/** The chats' states, by the assistant's chat key (`<channel>:<chat id>`). */
export interface ConversationStates {
  load(chat: string): Promise<ConversationState | undefined>;
  save(chat: string, state: ConversationState): Promise<void>;
}

export class DbConversationStates implements ConversationStates {
  constructor(private readonly db: Kysely<Database>) {}

  async load(chat: string): Promise<ConversationState | undefined> {
    const row = await this.db.selectFrom('conversation_state').select(['procedure_code', 'choices', 'updated_at']).where('chat_key', '=', chat).executeTakeFirst();
    if (!row) return undefined;
    return {
      ...(row.procedure_code ? { code: row.procedure_code } : {}),
      ...(row.choices ? { choices: row.choices.split(',') } : {}),
      at: Number(row.updated_at),
    };
  }

  async save(chat: string, state: ConversationState): Promise<void> {
    const values = { procedure_code: state.code ?? null, choices: state.choices?.length ? state.choices.join(',') : null, updated_at: state.at };
    await this.db
      .insertInto('conversation_state')
      .values({ chat_key: chat, ...values })
      .onConflict((oc) => oc.column('chat_key').doUpdateSet(values))
      .execute();
  }
}
