import { Team } from '../teams/team.entity.js';
import { Service } from '../services/service.entity.js';
import { Responder } from '../responders/responder.entity.js';
import { Incident } from '../incidents/incident.entity.js';
import { IncidentService } from '../incidents/incident-service.entity.js';
import { IncidentCause } from '../incidents/incident-cause.entity.js';
import { IncidentRole } from '../incidents/incident-role.entity.js';
import { Alert } from '../alerts/alert.entity.js';
import { Page } from '../pages/page.entity.js';
import { Shift } from '../shifts/shift.entity.js';
import { Activity } from '../activity/activity.entity.js';
import { Annotation, AnnotationService } from '../annotations/annotation.entity.js';
import { SettingsRow } from '../settings/settings.entity.js';
import { ApiToken } from '../auth/api-token.entity.js';
import { WebhookDelivery } from '../ingest/webhook-delivery.entity.js';
import { WorkSegment } from '../analytics/workload/work-segment.entity.js';
import { WorkDay } from '../analytics/workload/work-day.entity.js';
import { WorkloadQueueItem } from '../analytics/workload/workload-queue.entity.js';
import { AlertFact, NoiseQueueItem, PageFact } from '../analytics/noise/facts/noise-facts.entity.js';
import { ChatMessage } from '../chat/chat-message.entity.js';
import { ImportCursor } from '../pagerduty-import/import-cursor.entity.js';

/** Every entity of the data model (SPEC §1); the migrations create exactly this schema. */
export const entities = [
  Team,
  Service,
  Responder,
  Incident,
  IncidentService,
  IncidentCause,
  IncidentRole,
  Alert,
  Page,
  Shift,
  Activity,
  Annotation,
  AnnotationService,
  SettingsRow,
  ApiToken,
  WebhookDelivery,
  WorkSegment,
  WorkDay,
  WorkloadQueueItem,
  AlertFact,
  PageFact,
  NoiseQueueItem,
  ChatMessage,
  ImportCursor,
];
