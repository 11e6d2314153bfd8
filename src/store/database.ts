// The Kysely database type: every capability's tables, combined. Each capability declares
// its own tables next to its code and adds them here.
import type { AlertTables } from '../alerts/tables';
import type { DeliveryTables } from '../delivery/tables';
import type { DossierTables } from '../dossiers/tables';
import type { ChatTables } from './chat-tables';
import type { ZaloTables } from '../channels/zalo/tables';
import type { FeedbackTables } from '../feedback/tables';

export interface Database extends ChatTables, DossierTables, AlertTables, DeliveryTables, ZaloTables, FeedbackTables {}
