/**
 * The fixed shape of one demo "division": six teams, twenty-five services, their alert rules, and the
 * names and titles the generator draws from. Scale 1 is one division; larger scales repeat it (see
 * `divisionsForScale`). Identifiers here are the external ids of division 1.
 */

export interface TeamSpec {
  key: string;
  name: string;
  /** Where most of the team lives; working hours and incident times follow this zone. */
  timezone: string;
  holidayCountry: string;
  /** Name pool (region) of the team's members. */
  names: NamePool;
  /** Members who live elsewhere: member index → [timezone, holiday country, name pool]. */
  remote: Record<number, [string, string, NamePool]>;
}

export type NamePool = 'de' | 'gb' | 'us' | 'in' | 'au' | 'pt' | 'nz' | 'br';

export const TEAMS: readonly TeamSpec[] = [
  { key: 'platform', name: 'Platform', timezone: 'Europe/Berlin', holidayCountry: 'DE', names: 'de', remote: { 7: ['Europe/Lisbon', 'PT', 'pt'] } },
  { key: 'payments', name: 'Payments', timezone: 'Europe/London', holidayCountry: 'GB', names: 'gb', remote: { 6: ['Europe/Berlin', 'DE', 'de'] } },
  { key: 'storefront', name: 'Storefront', timezone: 'Europe/Berlin', holidayCountry: 'DE', names: 'de', remote: { 5: ['America/Sao_Paulo', 'BR', 'br'] } },
  { key: 'identity', name: 'Identity', timezone: 'America/New_York', holidayCountry: 'US', names: 'us', remote: { 4: ['America/Los_Angeles', 'US', 'us'], 8: ['America/Chicago', 'US', 'us'] } },
  { key: 'data', name: 'Data', timezone: 'Asia/Kolkata', holidayCountry: 'IN', names: 'in', remote: {} },
  { key: 'mobile', name: 'Mobile', timezone: 'Australia/Sydney', holidayCountry: 'AU', names: 'au', remote: { 3: ['Pacific/Auckland', 'NZ', 'nz'] } },
];

/** Responders per team in one division (rows, including the ones hired or gone during the range). */
export const MEMBERS_PER_TEAM = 10;

/** How an alert rule behaves; the three noisy ones are planted patterns (SPEC §2.5 classes). */
export type RuleBehaviour =
  /** Pages; mostly acknowledged and marked actionable. */
  | 'actionable'
  /** Pages in bursts: fires, auto-resolves within minutes, fires again (flaps). */
  | 'flapping'
  /** Pages, auto-resolves within minutes before anyone acknowledges it. */
  | 'transient'
  /** Pages and escalates; nobody acknowledges it; clears by itself after an hour or more. */
  | 'ignored'
  /** Does not page (ticket / chat only). */
  | 'warning'
  /** Fires when the nightly batch run fails (see the batch pattern). */
  | 'batch';

export interface RuleSpec {
  name: string;
  behaviour: RuleBehaviour;
  /** Alerts per day this rule fires on one service, before the volume calibration. */
  perDay: number;
}

export interface ServiceSpec {
  key: string;
  name: string;
  team: string;
  tier: 1 | 2 | 3;
  /** Relative incident propensity. */
  weight: number;
  /** Services an incident here often drags in too. */
  dependsOn: readonly string[];
  rules: readonly RuleSpec[];
  titles: readonly string[];
}

const actionable = (name: string, perDay = 1): RuleSpec => ({ name, behaviour: 'actionable', perDay });
const warning = (name: string, perDay = 1): RuleSpec => ({ name, behaviour: 'warning', perDay });
const COMMON_WARNINGS = [warning('CPUThrottlingHigh'), warning('MemoryUsageHigh', 0.8), warning('SLOBurnRateSlow', 0.6)];

/** The planted noisy rules (division 1 names). */
export const NOISY_RULES = {
  flapping: 'KafkaConsumerLag',
  transient: 'CdnEdge5xxSpike',
  ignored: 'WarehouseDiskSpaceLow',
} as const;
export const BATCH_RULE = 'InvoiceRunFailed';

export const SERVICES: readonly ServiceSpec[] = [
  // Platform
  { key: 'postgres', name: 'Postgres', team: 'platform', tier: 1, weight: 1.2, dependsOn: [], rules: [actionable('PostgresReplicationLag'), actionable('PostgresConnectionsExhausted', 0.6), ...COMMON_WARNINGS], titles: ['Postgres replication lag on the primary', 'Postgres connections exhausted', 'Slow queries after autovacuum stalled', 'Postgres failover did not complete'] },
  { key: 'kafka', name: 'Kafka', team: 'platform', tier: 1, weight: 1.0, dependsOn: ['kubernetes'], rules: [{ name: NOISY_RULES.flapping, behaviour: 'flapping', perDay: 1 }, actionable('KafkaUnderReplicatedPartitions', 0.7), ...COMMON_WARNINGS], titles: ['Kafka brokers under-replicated', 'Consumers stuck on the orders topic', 'Kafka broker disk full'] },
  { key: 'kubernetes', name: 'Kubernetes', team: 'platform', tier: 1, weight: 1.0, dependsOn: [], rules: [actionable('KubeNodeNotReady'), actionable('PodCrashLooping', 1.2), ...COMMON_WARNINGS], titles: ['Nodes not ready in eu-west-1b', 'Cluster autoscaler stopped scaling', 'Ingress controller returning 502s'] },
  { key: 'redis', name: 'Redis', team: 'platform', tier: 2, weight: 0.7, dependsOn: ['kubernetes'], rules: [actionable('RedisMemoryHigh'), ...COMMON_WARNINGS], titles: ['Redis evicting hot keys', 'Redis failover flapping'] },
  { key: 'dns', name: 'DNS', team: 'platform', tier: 2, weight: 0.4, dependsOn: [], rules: [actionable('DnsResolutionFailures', 0.5), warning('CertificateExpiresSoon', 0.3)], titles: ['Internal DNS resolution failures', 'Expired certificate on internal endpoints'] },
  // Payments
  { key: 'checkout', name: 'Checkout', team: 'payments', tier: 1, weight: 1.5, dependsOn: ['payments-api', 'postgres', 'redis'], rules: [actionable('HighErrorRate'), actionable('HighLatencyP99'), ...COMMON_WARNINGS], titles: ['Checkout error rate above SLO', 'Checkout latency degraded', 'Orders stuck in pending', 'Basket totals wrong after a deploy'] },
  { key: 'payments-api', name: 'Payments API', team: 'payments', tier: 1, weight: 1.0, dependsOn: ['postgres', 'fraud-scoring', 'kafka'], rules: [actionable('HighErrorRate'), actionable('PaymentProviderTimeouts', 0.8), ...COMMON_WARNINGS], titles: ['Card payments failing for one provider', 'Payments API timeouts', 'Refunds not processed'] },
  { key: 'ledger', name: 'Ledger', team: 'payments', tier: 1, weight: 0.6, dependsOn: ['postgres', 'kafka'], rules: [actionable('LedgerImbalance', 0.4), ...COMMON_WARNINGS], titles: ['Ledger entries delayed', 'Ledger reconciliation mismatch'] },
  { key: 'invoicing', name: 'Invoicing', team: 'payments', tier: 2, weight: 0.2, dependsOn: ['ledger', 'postgres'], rules: [{ name: BATCH_RULE, behaviour: 'batch', perDay: 0 }, actionable('HighErrorRate', 0.3), ...COMMON_WARNINGS], titles: ['Invoice PDFs not generated', 'Invoice emails sent twice'] },
  { key: 'fraud-scoring', name: 'Fraud scoring', team: 'payments', tier: 2, weight: 0.5, dependsOn: ['kafka'], rules: [actionable('HighLatencyP99'), ...COMMON_WARNINGS], titles: ['Fraud scoring timeouts block payments', 'Fraud model returning defaults'] },
  // Storefront
  { key: 'web', name: 'Web frontend', team: 'storefront', tier: 1, weight: 1.0, dependsOn: ['cdn', 'search', 'catalog', 'auth'], rules: [actionable('HighErrorRate'), actionable('HighLatencyP99'), ...COMMON_WARNINGS], titles: ['Home page errors after a deploy', 'Product pages slow', 'Broken images on product pages'] },
  { key: 'search', name: 'Search', team: 'storefront', tier: 2, weight: 0.8, dependsOn: ['kafka'], rules: [actionable('SearchIndexStale', 0.7), actionable('HighLatencyP99'), ...COMMON_WARNINGS], titles: ['Search results stale', 'Search latency above SLO'] },
  { key: 'catalog', name: 'Catalog', team: 'storefront', tier: 2, weight: 0.7, dependsOn: ['postgres', 'redis'], rules: [actionable('HighErrorRate'), ...COMMON_WARNINGS], titles: ['Prices missing for some products', 'Catalog import failed'] },
  { key: 'cdn', name: 'CDN', team: 'storefront', tier: 2, weight: 0.5, dependsOn: [], rules: [{ name: NOISY_RULES.transient, behaviour: 'transient', perDay: 1 }, actionable('CdnOriginErrors', 0.4), warning('CertificateExpiresSoon', 0.3)], titles: ['CDN serving stale assets', 'CDN edge errors in APAC'] },
  { key: 'recommendations', name: 'Recommendations', team: 'storefront', tier: 3, weight: 0.4, dependsOn: ['catalog'], rules: [actionable('HighErrorRate', 0.6), ...COMMON_WARNINGS], titles: ['Recommendations empty', 'Recommendation model rollout failed'] },
  // Identity
  { key: 'auth', name: 'Auth', team: 'identity', tier: 1, weight: 1.0, dependsOn: ['postgres', 'redis'], rules: [actionable('LoginFailureRateHigh'), actionable('HighLatencyP99'), ...COMMON_WARNINGS], titles: ['Login failures for some users', 'Token refresh errors', 'Sessions expiring early'] },
  { key: 'accounts', name: 'Accounts', team: 'identity', tier: 2, weight: 0.6, dependsOn: ['postgres'], rules: [actionable('HighErrorRate'), ...COMMON_WARNINGS], titles: ['Profile updates failing', 'Account deletion backlog'] },
  { key: 'sso', name: 'SSO', team: 'identity', tier: 2, weight: 0.5, dependsOn: ['auth'], rules: [actionable('SamlAssertionErrors', 0.5), ...COMMON_WARNINGS], titles: ['SSO login broken for one customer', 'SAML certificate rotation failed'] },
  { key: 'email', name: 'Email delivery', team: 'identity', tier: 3, weight: 0.4, dependsOn: ['kafka'], rules: [actionable('EmailBounceRateHigh', 0.5), ...COMMON_WARNINGS], titles: ['Password reset emails delayed', 'Email provider rate limiting us'] },
  // Data
  { key: 'warehouse', name: 'Warehouse', team: 'data', tier: 3, weight: 0.5, dependsOn: [], rules: [{ name: NOISY_RULES.ignored, behaviour: 'ignored', perDay: 1 }, actionable('WarehouseQueryTimeouts', 0.3), ...COMMON_WARNINGS], titles: ['Warehouse queries timing out', 'Warehouse storage quota reached'] },
  { key: 'etl', name: 'ETL pipelines', team: 'data', tier: 2, weight: 0.7, dependsOn: ['warehouse', 'kafka'], rules: [actionable('PipelineLagging', 0.8), ...COMMON_WARNINGS], titles: ['Order events pipeline lagging', 'ETL job failing on schema change'] },
  { key: 'reporting', name: 'Reporting', team: 'data', tier: 3, weight: 0.4, dependsOn: ['warehouse'], rules: [actionable('DashboardQueriesFailing', 0.4), ...COMMON_WARNINGS], titles: ['Finance dashboards empty', 'Daily report not delivered'] },
  // Mobile
  { key: 'mobile-api', name: 'Mobile API', team: 'mobile', tier: 1, weight: 0.9, dependsOn: ['auth', 'catalog'], rules: [actionable('HighErrorRate'), actionable('HighLatencyP99'), ...COMMON_WARNINGS], titles: ['App cannot load the basket', 'Mobile API 5xx after a release'] },
  { key: 'notifications', name: 'Push notifications', team: 'mobile', tier: 2, weight: 0.6, dependsOn: ['kafka'], rules: [actionable('NotificationQueueBacklog', 0.7), ...COMMON_WARNINGS], titles: ['Push notifications delayed', 'Duplicate push notifications sent'] },
  { key: 'app-config', name: 'App config', team: 'mobile', tier: 3, weight: 0.3, dependsOn: [], rules: [actionable('HighErrorRate', 0.4), ...COMMON_WARNINGS], titles: ['Feature flags not served to the app', 'Remote config rollback needed'] },
];

export const CAUSES = ['batch-job', 'deploy', 'config-change', 'capacity', 'dependency', 'hardware', 'network', 'certificate', 'data-migration', 'third-party', 'unknown'] as const;
/** Relative frequency of each cause in CAUSES order. */
export const CAUSE_WEIGHTS = [0, 30, 16, 12, 12, 4, 6, 3, 5, 7, 5];

export const GAME_DAY_SCENARIOS: Record<string, readonly string[]> = {
  platform: ['Postgres failover drill', 'Kafka broker loss', 'Cluster upgrade rollback', 'Region evacuation'],
  payments: ['Payment provider outage', 'Checkout dependency failure', 'Ledger restore from backup'],
  storefront: ['CDN outage', 'Search cluster loss', 'Catalog rollback'],
  identity: ['Auth database failover', 'Token signing key rotation', 'SSO provider outage'],
  data: ['Warehouse restore', 'Pipeline backfill', 'Kafka topic replay'],
  mobile: ['Push provider outage', 'Bad app config rollout', 'Mobile API region failover'],
};

export const NAMES: Record<NamePool, { first: readonly string[]; last: readonly string[] }> = {
  de: { first: ['Jonas', 'Lena', 'Felix', 'Anna', 'Lukas', 'Marie', 'Tobias', 'Sophie', 'Niklas', 'Hannah', 'Jan', 'Katrin', 'Moritz', 'Clara'], last: ['Weber', 'Becker', 'Hoffmann', 'Schulz', 'Koch', 'Richter', 'Wolf', 'Neumann', 'Braun', 'Krüger', 'Vogel', 'Hartmann'] },
  gb: { first: ['Oliver', 'Amelia', 'Harry', 'Isla', 'George', 'Ava', 'Jack', 'Emily', 'Noah', 'Grace', 'Freya', 'Alfie'], last: ['Smith', 'Jones', 'Taylor', 'Brown', 'Evans', 'Walker', 'Wright', 'Hughes', 'Green', 'Hall', 'Clarke', 'Patel'] },
  us: { first: ['James', 'Olivia', 'Michael', 'Emma', 'Daniel', 'Mia', 'Ethan', 'Chloe', 'Marcus', 'Zoe', 'Tyler', 'Maya'], last: ['Johnson', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Wilson', 'Anderson', 'Thomas', 'Moore', 'Kim', 'Chen'] },
  in: { first: ['Aarav', 'Priya', 'Rohan', 'Ananya', 'Vikram', 'Neha', 'Arjun', 'Kavya', 'Siddharth', 'Meera', 'Ishaan', 'Divya'], last: ['Sharma', 'Patel', 'Iyer', 'Reddy', 'Nair', 'Gupta', 'Menon', 'Rao', 'Kulkarni', 'Joshi', 'Bose', 'Pillai'] },
  au: { first: ['Liam', 'Charlotte', 'William', 'Matilda', 'Lachlan', 'Ruby', 'Cooper', 'Evie', 'Riley', 'Sienna', 'Harrison', 'Zara'], last: ['Nguyen', 'Kelly', 'Murphy', 'Ryan', 'Campbell', "O'Brien", 'Mitchell', 'Clarke', 'Stewart', 'Lee', 'Walsh', 'Young'] },
  pt: { first: ['João', 'Inês', 'Tiago', 'Beatriz'], last: ['Silva', 'Santos', 'Ferreira', 'Costa'] },
  nz: { first: ['Nikau', 'Aroha', 'Tama', 'Mere'], last: ['Parata', 'Walker', 'Ngata', 'Thompson'] },
  br: { first: ['Lucas', 'Camila', 'Rafael', 'Beatriz'], last: ['Oliveira', 'Souza', 'Lima', 'Pereira'] },
};

/** Mean incidents per day of one division, before the seasonal factors (≈ 1,500 over 18 months). */
export const INCIDENTS_PER_DAY = 2.62;
/** Game days per team per year. */
export const GAME_DAYS_PER_TEAM_YEAR = 3.5;
/** Test incidents per division over the range. */
export const TEST_INCIDENTS = 5;
