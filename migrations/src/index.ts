// Every migration, oldest first. `npm run migration:generate -- <Name>` writes a new one and this list.
import type { MigrationInterface } from 'typeorm';
import { InitialSchema1795260521353 } from './1795260521353-InitialSchema.js';
import { WebhookDeliveries1795260919227 } from './1795260919227-WebhookDeliveries.js';
import { WorkSegments1795265223276 } from './1795265223276-WorkSegments.js';
import { WorkloadQueue1795265370581 } from './1795265370581-WorkloadQueue.js';
import { ActivityCallsIndex1795271605169 } from './1795271605169-ActivityCallsIndex.js';
import { ChatMessages1796674529040 } from './1796674529040-ChatMessages.js';
import { ImportCursors1796674604698 } from './1796674604698-ImportCursors.js';
import { OncallHealthSettings1796680000000 } from './1796680000000-OncallHealthSettings.js';
import { NoiseFacts1796683630758 } from './1796683630758-NoiseFacts.js';
import { WorkDays1796696400000 } from './1796696400000-WorkDays.js';
import { PageFactsAt1796697000000 } from './1796697000000-PageFactsAt.js';
import { AlertFactsIncident1796697600000 } from './1796697600000-AlertFactsIncident.js';
import { WorkloadRebuildOnSettings1796698200000 } from './1796698200000-WorkloadRebuildOnSettings.js';

export const migrations: Array<new () => MigrationInterface> = [
  InitialSchema1795260521353,
  WebhookDeliveries1795260919227,
  WorkSegments1795265223276,
  WorkloadQueue1795265370581,
  ActivityCallsIndex1795271605169,
  ChatMessages1796674529040,
  ImportCursors1796674604698,
  OncallHealthSettings1796680000000,
  NoiseFacts1796683630758,
  WorkDays1796696400000,
  PageFactsAt1796697000000,
  AlertFactsIncident1796697600000,
  WorkloadRebuildOnSettings1796698200000,
];
