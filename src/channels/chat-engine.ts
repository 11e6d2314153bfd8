// What every channel needs from the conversation side: one call, one Reply. Channels do not
// care whether a command handler, the dossier lookup or the procedure assistant answers.
import type { Incoming, Reply } from '../conversation/message';

export interface ChatEngine {
  handle(incoming: Incoming): Promise<Reply>;
}
