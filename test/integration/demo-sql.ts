/**
 * SQL the demo tests use to measure the planted patterns on the generated rows, written from the
 * definitions of SPEC §2 until each analytic exists (then the tests ask its endpoint instead).
 */

/**
 * The intervals each responder is credited with on each incident by rules 1–2 of SPEC §2.1 (10 minutes
 * per activity, a call its real interval, gaps of ≤ 20 min bridged), merged into islands. Rule 3 (the
 * 1/k split of concurrent incidents) is not applied: summed per incident this is an upper bound of the
 * workload, exact for a responder on one incident at a time.
 */
const ISLANDS = `
  WITH a AS (
    SELECT responder_id, incident_id, at AS s,
           CASE WHEN kind = 'call' THEN end_at ELSE at + interval '10 minutes' END AS e0,
           lead(at) OVER (PARTITION BY responder_id, incident_id ORDER BY at, id) AS next_at
    FROM activity
  ), credited AS (
    SELECT responder_id, incident_id, s,
           greatest(e0, CASE WHEN next_at - s <= interval '20 minutes' THEN next_at ELSE s END) AS e
    FROM a
  ), marked AS (
    SELECT *, CASE WHEN s > max(e) OVER (PARTITION BY responder_id, incident_id ORDER BY s, e ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
                   THEN 1 ELSE 0 END AS starts_island
    FROM credited
  ), islands AS (
    SELECT responder_id, incident_id, min(s) AS s, max(e) AS e
    FROM (SELECT *, sum(starts_island) OVER (PARTITION BY responder_id, incident_id ORDER BY s, e) AS island FROM marked) x
    GROUP BY responder_id, incident_id, island
  )`;

/** Credited islands (see ISLANDS). Columns: responder_id, incident_id, s, e. */
export const CREDITED_ISLANDS = `${ISLANDS} SELECT responder_id, incident_id, s, e FROM islands`;

/** Credited minutes per responder and incident, clipped to [$1, $2). Columns: responder_id, incident_id, minutes. */
export const CREDITED_MINUTES = `${ISLANDS}
  SELECT responder_id, incident_id,
         sum(greatest(0, extract(epoch FROM least(e, $2::timestamptz) - greatest(s, $1::timestamptz)) / 60))::float8 AS minutes
  FROM islands
  GROUP BY responder_id, incident_id`;

/**
 * Ready responders on day $1 (SPEC §2.6, window $2 days, major = severity ≤ 2, ≥ 15 minutes): active
 * on the day, with a role on, or ≥ 15 credited minutes on, a major incident or a game day declared in
 * (day − window, day]. One row per (responder, service touched by a qualifying experience); services
 * may be null for an experience without services. Columns: responder (external id), team (external
 * id), service (external id).
 */
export const READY_ON_DAY = `
  WITH minutes AS (${ISLANDS} SELECT responder_id, incident_id, sum(extract(epoch FROM e - s) / 60) AS minutes FROM islands GROUP BY 1, 2),
  involved AS (
    SELECT incident_id, responder_id FROM incident_roles
    UNION SELECT incident_id, responder_id FROM minutes WHERE minutes >= 15
  ), qualifying AS (
    SELECT v.responder_id, i.id AS incident_id
    FROM involved v JOIN incidents i ON i.id = v.incident_id
    WHERE ((i.kind = 'incident' AND i.severity <= 2) OR i.kind = 'game_day')
      AND (i.declared_at AT TIME ZONE 'UTC')::date > $1::date - $2::int
      AND (i.declared_at AT TIME ZONE 'UTC')::date <= $1::date
  )
  SELECT DISTINCT r.external_id AS responder, t.external_id AS team, s.external_id AS service
  FROM qualifying q
  JOIN responders r ON r.id = q.responder_id
  LEFT JOIN teams t ON t.id = r.team_id
  LEFT JOIN incident_services x ON x.incident_id = q.incident_id
  LEFT JOIN services s ON s.id = x.service_id
  WHERE (r.started_at IS NULL OR (r.started_at AT TIME ZONE 'UTC')::date <= $1::date)
    AND (r.left_at IS NULL OR $1::date < (r.left_at AT TIME ZONE 'UTC')::date)`;

/**
 * SPEC §2.5 class of every escalated alert (first match wins). Columns: id, rule, service_id, class.
 */
export const ALERT_CLASSES = `
  SELECT a.id, a.rule, a.service_id,
         CASE WHEN a.incident_id IS NOT NULL OR a.feedback = 'actionable' THEN 'actionable'
              WHEN a.feedback IS NOT NULL THEN 'flagged'
              WHEN a.resolved_by = 'auto' AND a.resolved_at - a.fired_at <= interval '10 minutes' AND a.acknowledged_at IS NULL THEN 'transient'
              WHEN a.acknowledged_at IS NULL THEN 'ignored'
              ELSE 'ack_only' END AS class
  FROM alerts a
  WHERE EXISTS (SELECT 1 FROM pages p WHERE p.alert_id = a.id)`;
