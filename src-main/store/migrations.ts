/**
 * Forward-only, numbered schema migrations. Append new entries; never edit or
 * reorder a shipped one: a database remembers which versions it has applied in
 * schema_migrations and runs only the newer ones.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'users and audit log',
    sql: `
      CREATE TABLE users (
        id            INTEGER PRIMARY KEY,
        username      TEXT NOT NULL UNIQUE,
        display_name  TEXT NOT NULL,
        role          TEXT NOT NULL CHECK (role IN ('operator','safety_officer','support_tech','admin')),
        password_hash TEXT NOT NULL,
        disabled      INTEGER NOT NULL DEFAULT 0,
        failed_logins INTEGER NOT NULL DEFAULT 0,
        locked_until  INTEGER,
        last_login_at INTEGER,
        created_at    INTEGER NOT NULL
      );

      CREATE TABLE audit_log (
        seq       INTEGER PRIMARY KEY,
        time      INTEGER NOT NULL,
        actor     TEXT NOT NULL,
        action    TEXT NOT NULL,
        target    TEXT,
        outcome   TEXT NOT NULL,
        detail    TEXT,
        prev_hash TEXT NOT NULL,
        hash      TEXT NOT NULL
      );
      CREATE INDEX audit_log_time ON audit_log(time);
      CREATE INDEX audit_log_actor ON audit_log(actor, seq);
      CREATE INDEX audit_log_action ON audit_log(action, seq);

      -- The audit trail is append-only: the database itself refuses edits.
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    `,
  },
  {
    version: 2,
    name: 'EHR connections and their last diagnostics',
    sql: `
      -- Settings only: credentials live in the keychain under keychain_ref, a
      -- random id, because one keychain serves every data folder on the machine.
      CREATE TABLE connections (
        id           INTEGER PRIMARY KEY,
        name         TEXT NOT NULL,
        config       TEXT NOT NULL,
        keychain_ref TEXT NOT NULL UNIQUE,
        -- The public half of a private_key_jwt key, kept so lists need no keychain read.
        public_jwks  TEXT,
        sandbox      INTEGER NOT NULL DEFAULT 0 CHECK (sandbox IN (0, 1)),
        created_at   INTEGER NOT NULL,
        updated_at   INTEGER NOT NULL
      );
      CREATE UNIQUE INDEX connections_name ON connections(name COLLATE NOCASE);
      CREATE UNIQUE INDEX connections_one_sandbox ON connections(sandbox) WHERE sandbox = 1;

      CREATE TABLE connection_diagnostics (
        connection_id INTEGER PRIMARY KEY REFERENCES connections(id) ON DELETE CASCADE,
        run_id        TEXT NOT NULL,
        status        TEXT NOT NULL CHECK (status IN ('pass', 'warn', 'fail')),
        finished_at   INTEGER NOT NULL,
        result        TEXT NOT NULL
      );
    `,
  },
  {
    version: 3,
    name: 'monitor probe results and their rollups',
    sql: `
      -- Monitored targets as small integers, so a result row spends one or two
      -- bytes on its target instead of its name. Rows are never deleted, so an
      -- id never comes to mean another target.
      CREATE TABLE monitor_targets (
        id   INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE
      );

      -- One row per final probe run, kept for days. Nothing a probe read or
      -- said (summaries, messages, bodies) is stored: those can carry PHI.
      -- Keyed by time first because rows arrive in time order and are pruned
      -- oldest first: inserts fill pages at the right edge of the tree and
      -- pruning empties whole pages at the left. No foreign keys: this is the
      -- hot path, and monitor_targets never deletes.
      CREATE TABLE monitor_results (
        at           INTEGER NOT NULL,
        target       INTEGER NOT NULL,
        -- 0 fail, 1 pass, 2 warn: SQLite stores 0 and 1 in no bytes at all.
        status       INTEGER NOT NULL CHECK (status IN (0, 1, 2)),
        latency_ms   INTEGER,
        failed_probe TEXT,
        error_kind   TEXT,
        PRIMARY KEY (at, target)
      ) WITHOUT ROWID;

      -- Rollups are keyed by target first, so one target's chart is one range
      -- read. They are written an hour at a time, so each target's rows land
      -- on the same pages instead of touching a page per target every minute.
      -- Percentiles are exact (nearest rank over the bucket's raw latencies)
      -- and null when no run in the bucket reported a latency.
      CREATE TABLE monitor_minutes (
        target    INTEGER NOT NULL,
        start     INTEGER NOT NULL,
        runs      INTEGER NOT NULL,
        failures  INTEGER NOT NULL,
        p50       INTEGER,
        p95       INTEGER,
        p99       INTEGER,
        histogram BLOB NOT NULL,
        PRIMARY KEY (target, start)
      ) WITHOUT ROWID;

      -- No histogram per hour: an hour's takes about 70 bytes, which would
      -- triple a year of hour rows. Long-range percentiles merge the daily
      -- histograms instead.
      CREATE TABLE monitor_hours (
        target   INTEGER NOT NULL,
        start    INTEGER NOT NULL,
        runs     INTEGER NOT NULL,
        failures INTEGER NOT NULL,
        p50      INTEGER,
        p95      INTEGER,
        p99      INTEGER,
        PRIMARY KEY (target, start)
      ) WITHOUT ROWID;

      CREATE TABLE monitor_days (
        target    INTEGER NOT NULL,
        start     INTEGER NOT NULL,
        runs      INTEGER NOT NULL,
        failures  INTEGER NOT NULL,
        histogram BLOB NOT NULL,
        PRIMARY KEY (target, start)
      ) WITHOUT ROWID;

      -- Hours before hour_mark and days before day_mark are written; after a
      -- restart later ones are built again, hours from monitor_results and
      -- days from monitor_minutes.
      CREATE TABLE monitor_rollup_state (
        id        INTEGER PRIMARY KEY CHECK (id = 1),
        hour_mark INTEGER NOT NULL,
        day_mark  INTEGER NOT NULL
      );
    `,
  },
  {
    version: 4,
    name: 'monitor settings, maintenance windows, alerts and notification channels',
    sql: `
      -- A target's probe plan, thresholds, dependencies and metrics endpoint
      -- (JSON, as the contract's monitorSettingsSchema), and whether an
      -- operator paused it. A target without a row runs on the defaults.
      CREATE TABLE monitor_settings (
        target_id  TEXT PRIMARY KEY,
        settings   TEXT NOT NULL,
        paused     INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
        updated_at INTEGER NOT NULL
      );

      -- target_id NULL: a window for every target.
      CREATE TABLE maintenance_windows (
        id         TEXT PRIMARY KEY,
        target_id  TEXT,
        window     TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );

      -- Every alert, open or resolved, as the alert engine's record (JSON);
      -- the columns beside it are what lists filter and sort on. Open alerts
      -- are handed back to the engine on start, so a restart neither loses
      -- nor repeats one.
      CREATE TABLE alerts (
        id         TEXT PRIMARY KEY,
        target_id  TEXT NOT NULL,
        severity   TEXT NOT NULL,
        status     TEXT NOT NULL CHECK (status IN ('open', 'acknowledged', 'resolved')),
        opened_at  INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        record     TEXT NOT NULL
      );
      CREATE INDEX alerts_by_status ON alerts (status, opened_at);
      CREATE INDEX alerts_by_target ON alerts (target_id, opened_at);

      -- Settings only (JSON, as the contract's channelSettingsSchema): the
      -- webhook URL, routing key or SMTP password is in the keychain.
      CREATE TABLE notify_channels (
        id         TEXT PRIMARY KEY,
        settings   TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      -- A console tells its own screen from the first start; an admin adds
      -- Slack, PagerDuty and the rest, or removes this one for good.
      INSERT INTO notify_channels (id, settings, created_at, updated_at) VALUES (
        'desktop',
        '{"kind":"desktop","name":"This console''s desktop","enabled":true,"minSeverity":"SEV3","fromLevel":1}',
        0, 0
      );

      -- One row per delivery attempt. Errors are written by the senders,
      -- which never put a secret or a receiver URL in them.
      CREATE TABLE notify_deliveries (
        seq        INTEGER PRIMARY KEY,
        channel_id TEXT NOT NULL,
        alert_id   TEXT NOT NULL,
        event      TEXT NOT NULL,
        attempt    INTEGER NOT NULL,
        at         INTEGER NOT NULL,
        outcome    TEXT NOT NULL,
        status     INTEGER,
        error      TEXT
      );
      CREATE INDEX notify_deliveries_by_channel ON notify_deliveries (channel_id, seq);
    `,
  },
  {
    version: 5,
    name: 'shared alert rules',
    sql: `
      -- One row, written when an operator first changes the rules; until then the defaults apply.
      CREATE TABLE monitor_rules (
        id    INTEGER PRIMARY KEY CHECK (id = 1),
        rules TEXT NOT NULL
      );
    `,
  },
  {
    version: 6,
    name: 'diagnostics times as epoch milliseconds',
    sql: `
      -- The contract carries times as epoch ms since this version; a connection's last
      -- diagnostics were stored with ISO text (startedAt, finishedAt, and the token's
      -- expiresAt and the certificate's validTo among the facts). julianday reads
      -- ISO 8601 with its "Z"; 2440587.5 is the Unix epoch as a Julian day.
      UPDATE connection_diagnostics SET result = json_set(
        result,
        '$.startedAt', CAST(round((julianday(json_extract(result, '$.startedAt')) - 2440587.5) * 86400000) AS INTEGER),
        '$.finishedAt', CAST(round((julianday(json_extract(result, '$.finishedAt')) - 2440587.5) * 86400000) AS INTEGER),
        '$.checks', (
          SELECT json_group_array(json(
            CASE
              WHEN json_type(c.value, '$.facts.validTo') = 'text' THEN json_set(c.value, '$.facts.validTo',
                CAST(round((julianday(json_extract(c.value, '$.facts.validTo')) - 2440587.5) * 86400000) AS INTEGER))
              WHEN json_type(c.value, '$.facts.expiresAt') = 'text' THEN json_set(c.value, '$.facts.expiresAt',
                CAST(round((julianday(json_extract(c.value, '$.facts.expiresAt')) - 2440587.5) * 86400000) AS INTEGER))
              ELSE c.value
            END))
          FROM json_each(result, '$.checks') AS c
        )
      )
      WHERE json_type(result, '$.startedAt') = 'text';
    `,
  },
  {
    version: 7,
    name: 'outbound exceptions',
    sql: `
      -- Hosts an admin allowed although the outbound rules refuse them (link-local, cloud metadata).
      CREATE TABLE outbound_exceptions (
        host     TEXT PRIMARY KEY,
        note     TEXT NOT NULL,
        added_by TEXT NOT NULL,
        added_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 8,
    name: 'signing key age',
    sql: `
      -- When the private key now in the keychain came into Vigil (generated or imported), for the
      -- rotation reminder. NULL for keys saved before this version: their age is not known.
      ALTER TABLE connections ADD COLUMN key_created_at INTEGER;
    `,
  },
  {
    version: 9,
    name: 'sign-in failures per account and source',
    sql: `
      -- Failed sign-ins counted per name as typed (unknown names count exactly like
      -- real ones, so a lock tells nothing about which exist) and per source:
      -- 'local' (this machine) or a remote address. A source's failures block only
      -- that source (users/sign-in-throttle.ts).
      CREATE TABLE login_failures (
        username        TEXT NOT NULL,
        source          TEXT NOT NULL,
        failures        INTEGER NOT NULL,
        last_failure_at INTEGER NOT NULL,
        -- Attempts from this source on this name are refused unchecked until then.
        blocked_until   INTEGER,
        -- 1 when the block is a lock (too many failures), 0 for a short delay.
        locked          INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
        PRIMARY KEY (username, source)
      ) WITHOUT ROWID;

      -- The one account-wide counter these replace let anyone lock anyone out.
      ALTER TABLE users DROP COLUMN failed_logins;
      ALTER TABLE users DROP COLUMN locked_until;
    `,
  },
  {
    version: 10,
    name: 'audit hashes as 32-byte BLOBs, and audit settings',
    sql: `
      -- Hashes as their 32 bytes instead of 64 hex characters: a third less to
      -- store, encrypt and decrypt per entry. The table is append-only by its
      -- triggers, so it is rebuilt rather than updated. A value that is not
      -- lower-case 64-digit hex was never written by the log (someone edited
      -- it): it is copied as it is, so verify still names that entry.
      CREATE TABLE audit_log_v7 (
        seq       INTEGER PRIMARY KEY,
        time      INTEGER NOT NULL,
        actor     TEXT NOT NULL,
        action    TEXT NOT NULL,
        target    TEXT,
        outcome   TEXT NOT NULL,
        detail    TEXT,
        prev_hash BLOB NOT NULL,
        hash      BLOB NOT NULL
      );
      INSERT INTO audit_log_v7 (seq, time, actor, action, target, outcome, detail, prev_hash, hash)
        SELECT seq, time, actor, action, target, outcome, detail,
          CASE WHEN typeof(prev_hash) = 'text' AND length(prev_hash) = 64 AND prev_hash NOT GLOB '*[^0-9a-f]*'
            THEN unhex(prev_hash) ELSE prev_hash END,
          CASE WHEN typeof(hash) = 'text' AND length(hash) = 64 AND hash NOT GLOB '*[^0-9a-f]*'
            THEN unhex(hash) ELSE hash END
        FROM audit_log ORDER BY seq;
      DROP TRIGGER IF EXISTS audit_log_no_update;
      DROP TRIGGER IF EXISTS audit_log_no_delete;
      DROP TABLE audit_log;
      ALTER TABLE audit_log_v7 RENAME TO audit_log;
      CREATE INDEX audit_log_time ON audit_log(time);
      CREATE INDEX audit_log_actor ON audit_log(actor, seq);
      CREATE INDEX audit_log_action ON audit_log(action, seq);
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

      -- One row, written when an admin first changes a setting; until then the defaults apply.
      CREATE TABLE audit_settings (
        id                    INTEGER PRIMARY KEY CHECK (id = 1),
        export_retention_days INTEGER NOT NULL
      );
    `,
  },
  {
    version: 11,
    name: 'tickets: events, derived rows, SLA policies, views',
    sql: `
      -- Who wrote an event: one id per data folder, so a later team mode can tell workstations apart.
      CREATE TABLE ticket_workstation (
        id          INTEGER PRIMARY KEY CHECK (id = 1),
        workstation TEXT NOT NULL
      );
      INSERT INTO ticket_workstation (id, workstation) VALUES (1, lower(hex(randomblob(16))));

      -- Every change to a ticket, append-only; seq is this workstation's monotonic sequence and
      -- id a UUIDv7 (unique by construction: no index is kept for it until something looks events up by it).
      CREATE TABLE ticket_events (
        seq       INTEGER PRIMARY KEY AUTOINCREMENT,
        id        TEXT NOT NULL,
        ticket_id TEXT NOT NULL,
        at        INTEGER NOT NULL,
        actor     TEXT NOT NULL,
        type      TEXT NOT NULL,
        body      TEXT NOT NULL
      );
      CREATE INDEX ticket_events_by_ticket ON ticket_events (ticket_id, seq);
      CREATE TRIGGER ticket_events_no_update BEFORE UPDATE ON ticket_events
        BEGIN SELECT RAISE(ABORT, 'ticket_events is append-only'); END;
      CREATE TRIGGER ticket_events_no_delete BEFORE DELETE ON ticket_events
        BEGIN SELECT RAISE(ABORT, 'ticket_events is append-only'); END;

      -- The columns the queue sorts and filters on, one small row per ticket so a page is read
      -- from the indexes below; number is the VIG-n people see. queue_key is the earliest due time
      -- of a counting clock, or 9007199254740991 when nothing counts. sla is 0 on time, 1 at risk,
      -- 2 breached, as of the ticket's last event (the scheduler records each mark as one).
      CREATE TABLE tickets (
        number      INTEGER PRIMARY KEY,
        id          TEXT NOT NULL UNIQUE,
        open        INTEGER NOT NULL,
        status      TEXT NOT NULL,
        priority    INTEGER NOT NULL,
        category    TEXT NOT NULL,
        assignee    TEXT,
        tier        INTEGER NOT NULL,
        emergency   TEXT,
        connection  INTEGER,
        external_id TEXT,
        created_at  INTEGER NOT NULL,
        updated_at  INTEGER NOT NULL,
        queue_key   INTEGER NOT NULL,
        sla         INTEGER NOT NULL,
        mark_at     INTEGER
      );
      -- Each queue index leads with what it selects on, then the queue's order, then every other
      -- column a filter tests, so a page (and a count) is read from the index alone, row by row in
      -- queue order or from the range its leading column picks.
      CREATE INDEX tickets_queue ON tickets (queue_key, priority, number, tier, category, sla, status, assignee) WHERE open = 1;
      CREATE INDEX tickets_queue_by_priority ON tickets (priority, queue_key, number, tier, category, sla, status, assignee) WHERE open = 1;
      CREATE INDEX tickets_queue_by_assignee ON tickets (assignee, queue_key, priority, number, tier, category, sla, status) WHERE open = 1;
      CREATE INDEX tickets_queue_by_category ON tickets (category, queue_key, priority, number, tier, sla, status, assignee) WHERE open = 1;
      CREATE INDEX tickets_queue_by_sla ON tickets (sla, queue_key, priority, number, tier, category, status, assignee) WHERE open = 1;
      CREATE INDEX tickets_queue_by_status ON tickets (status, queue_key, priority, number, tier, category, sla, assignee);
      CREATE INDEX tickets_by_update ON tickets (updated_at, number);
      CREATE INDEX tickets_marks ON tickets (mark_at) WHERE mark_at IS NOT NULL;
      CREATE INDEX tickets_by_connection ON tickets (connection) WHERE connection IS NOT NULL;
      -- The id a ticket had in the tool it was imported from: imported once.
      CREATE UNIQUE INDEX tickets_by_external_id ON tickets (external_id) WHERE external_id IS NOT NULL;

      -- The ticket as its events make it, and its clocks as of its last event (JSON), read only
      -- for the tickets shown.
      CREATE TABLE ticket_state (
        number INTEGER PRIMARY KEY,
        state  TEXT NOT NULL,
        clocks TEXT NOT NULL
      );

      -- Links and followers as rows, to find a ticket by its alert and "followed by me".
      CREATE TABLE ticket_links (
        ticket_id TEXT NOT NULL,
        kind      TEXT NOT NULL,
        ref       TEXT NOT NULL,
        PRIMARY KEY (ticket_id, kind, ref)
      );
      -- One ticket per alert incident.
      CREATE UNIQUE INDEX ticket_links_one_per_alert ON ticket_links (ref) WHERE kind = 'alert';
      CREATE TABLE ticket_followers (
        ticket_id TEXT NOT NULL,
        username  TEXT NOT NULL,
        PRIMARY KEY (username, ticket_id)
      );
      CREATE TABLE ticket_tags (
        ticket_id TEXT NOT NULL,
        tag       TEXT NOT NULL,
        PRIMARY KEY (tag, ticket_id)
      );

      -- Titles and descriptions as they are shown (PHI redacted), so a search can never find what a
      -- reader may not see. rowid is the ticket's number.
      CREATE VIRTUAL TABLE tickets_fts USING fts5 (title, description, content = '', contentless_delete = 1, tokenize = 'porter unicode61');
      -- The titles alone, to put a search's title matches first: FTS5 walks a column filter through
      -- every match of the words, a table of titles only through the titles that have them.
      CREATE VIRTUAL TABLE tickets_title_fts USING fts5 (title, content = '', contentless_delete = 1, tokenize = 'porter unicode61');

      -- Every SLA policy ever saved; a ticket keeps the version it was created under.
      CREATE TABLE sla_policies (
        version    INTEGER PRIMARY KEY,
        policy     TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        created_by TEXT NOT NULL
      );

      CREATE TABLE ticket_views (
        id         TEXT PRIMARY KEY,
        owner      TEXT NOT NULL,
        name       TEXT NOT NULL,
        filter     TEXT NOT NULL,
        sort       TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX ticket_views_by_owner ON ticket_views (owner, name);

      -- One row, written when an admin first changes how alerts open tickets.
      CREATE TABLE ticket_alert_rules (
        id    INTEGER PRIMARY KEY CHECK (id = 1),
        rules TEXT NOT NULL
      );
    `,
  },
  {
    version: 12,
    name: 'knowledge base: articles, revisions, votes, full-text index',
    sql: `
      -- The current revision of each article; shipped ones come from resources/kb at start.
      CREATE TABLE kb_articles (
        seq             INTEGER PRIMARY KEY,
        id              TEXT NOT NULL UNIQUE,
        title           TEXT NOT NULL,
        category        TEXT NOT NULL,
        codes           TEXT NOT NULL,
        tags            TEXT NOT NULL,
        body            TEXT NOT NULL,
        revision        INTEGER NOT NULL,
        source          TEXT NOT NULL CHECK (source IN ('shipped', 'local')),
        shipped_version INTEGER,
        newer_shipped   INTEGER,
        updated_at      INTEGER NOT NULL,
        updated_by      TEXT NOT NULL
      );
      CREATE INDEX kb_articles_by_category ON kb_articles (category, title);

      -- Every revision ever saved, the current one included.
      CREATE TABLE kb_revisions (
        article_id TEXT NOT NULL,
        revision   INTEGER NOT NULL,
        title      TEXT NOT NULL,
        category   TEXT NOT NULL,
        codes      TEXT NOT NULL,
        tags       TEXT NOT NULL,
        body       TEXT NOT NULL,
        source     TEXT NOT NULL,
        saved_at   INTEGER NOT NULL,
        saved_by   TEXT NOT NULL,
        PRIMARY KEY (article_id, revision)
      );

      -- Which articles answer which error code.
      CREATE TABLE kb_codes (
        code       TEXT NOT NULL,
        article_id TEXT NOT NULL,
        PRIMARY KEY (code, article_id)
      );

      -- One vote per person and article; a new vote replaces it.
      CREATE TABLE kb_votes (
        article_id TEXT NOT NULL,
        username   TEXT NOT NULL,
        helpful    INTEGER NOT NULL,
        at         INTEGER NOT NULL,
        PRIMARY KEY (article_id, username)
      );

      -- rowid is kb_articles.seq.
      CREATE VIRTUAL TABLE kb_fts USING fts5 (title, codes, tags, body, tokenize = 'porter unicode61');
    `,
  },
  {
    version: 13,
    name: 'wall displays',
    sql: `
      -- Screens that show the board and the alerts with nobody signed in (src-main/displays).
      -- Only hashes: the pairing code while it is out, the display token Vigil gave the wall's
      -- browser and the secret that browser made, which together open a display session.
      CREATE TABLE wall_displays (
        id              TEXT PRIMARY KEY,
        name            TEXT NOT NULL UNIQUE COLLATE NOCASE,
        created_at      INTEGER NOT NULL,
        created_by      TEXT NOT NULL,
        code_hash       TEXT UNIQUE,
        code_expires_at INTEGER,
        token_hash      TEXT UNIQUE,
        secret_hash     TEXT,
        paired_at       INTEGER,
        last_contact_at INTEGER,
        CHECK ((code_hash IS NULL) = (code_expires_at IS NULL)),
        CHECK ((token_hash IS NULL) = (secret_hash IS NULL) AND (token_hash IS NULL) = (paired_at IS NULL))
      );
    `,
  },
  {
    version: 14,
    name: 'patient safety',
    sql: `
      -- The thresholds and weights, one row per version; every stored score names the version it used.
      CREATE TABLE safety_settings (
        version  INTEGER PRIMARY KEY,
        settings TEXT NOT NULL,
        saved_at INTEGER NOT NULL,
        saved_by TEXT NOT NULL
      );

      -- One row per series (indicator or overall) per evaluation, kept for two days;
      -- value NULL is "no data". level: 0 ok, 1 warning, 2 critical, NULL no data.
      CREATE TABLE safety_samples (
        at       INTEGER NOT NULL,
        key      TEXT NOT NULL,
        value    REAL,
        level    INTEGER,
        settings INTEGER NOT NULL,
        PRIMARY KEY (key, at)
      ) WITHOUT ROWID;
      CREATE INDEX safety_samples_at ON safety_samples (at);

      -- Hours and days rolled up from the samples: a year is about 60,000 small rows.
      -- warn and crit count the evaluations at warning-or-worse and at critical.
      CREATE TABLE safety_rollups (
        period TEXT NOT NULL CHECK (period IN ('hour', 'day')),
        start  INTEGER NOT NULL,
        key    TEXT NOT NULL,
        n      INTEGER NOT NULL,
        sum    REAL NOT NULL,
        min    REAL,
        warn   INTEGER NOT NULL,
        crit   INTEGER NOT NULL,
        PRIMARY KEY (period, key, start)
      ) WITHOUT ROWID;

      CREATE TABLE safety_incidents (
        number           INTEGER PRIMARY KEY,
        id               TEXT NOT NULL UNIQUE,
        indicator        TEXT NOT NULL,
        status           TEXT NOT NULL CHECK (status IN ('open', 'recovered')),
        level            TEXT NOT NULL,
        peak_level       TEXT NOT NULL,
        opened_at        INTEGER NOT NULL,
        closed_at        INTEGER,
        worst_value      REAL NOT NULL,
        threshold        REAL NOT NULL,
        detail           TEXT NOT NULL,
        action_code      TEXT,
        action_text      TEXT,
        ticket_id        TEXT,
        ticket_number    INTEGER,
        alert_id         TEXT,
        settings         INTEGER NOT NULL,
        acknowledged_by  TEXT,
        acknowledged_at  INTEGER
      );
      -- One open incident per indicator: a new episode only after the last one closed.
      CREATE UNIQUE INDEX safety_incidents_open ON safety_incidents (indicator) WHERE status = 'open';
      CREATE INDEX safety_incidents_opened ON safety_incidents (opened_at);

      CREATE TABLE safety_comments (
        seq         INTEGER PRIMARY KEY AUTOINCREMENT,
        incident_id TEXT NOT NULL,
        at          INTEGER NOT NULL,
        by          TEXT NOT NULL,
        text        TEXT NOT NULL
      );
      CREATE INDEX safety_comments_incident ON safety_comments (incident_id, seq);

      -- Electronic signatures: content is the incident as signed (canonical JSON); hash binds
      -- incident id, content, signer, time and meaning. Never changed or removed.
      CREATE TABLE safety_signatures (
        id            TEXT PRIMARY KEY,
        incident_id   TEXT NOT NULL,
        signer        TEXT NOT NULL,
        printed_name  TEXT NOT NULL,
        meaning       TEXT NOT NULL CHECK (meaning IN ('reviewed', 'approved')),
        signed_at     INTEGER NOT NULL,
        content       TEXT NOT NULL,
        hash          TEXT NOT NULL
      );
      CREATE INDEX safety_signatures_incident ON safety_signatures (incident_id, signed_at);
      CREATE TRIGGER safety_signatures_no_update BEFORE UPDATE ON safety_signatures
        BEGIN SELECT RAISE(ABORT, 'safety_signatures is append-only'); END;
      CREATE TRIGGER safety_signatures_no_delete BEFORE DELETE ON safety_signatures
        BEGIN SELECT RAISE(ABORT, 'safety_signatures is append-only'); END;
    `,
  },
  {
    version: 16,
    name: 'kpi: ticket aggregates per local hour and day, targets',
    sql: `
      -- What each ticket last added to the aggregates (TicketFact as JSON), so a change takes it back.
      CREATE TABLE kpi_facts (
        number INTEGER PRIMARY KEY,
        fact   TEXT NOT NULL
      );
      -- grain 0 local hour, 1 local day; dim 0 priority, 1 category, 2 assignee ('' for none).
      -- created and done are columns for the backlog's sums; the other counts are a JSON array
      -- (src-main/kpi/cell-store.ts), fr and res the duration counts as int32 (bucket, count) pairs.
      CREATE TABLE kpi_cells (
        grain   INTEGER NOT NULL,
        dim     INTEGER NOT NULL,
        start   INTEGER NOT NULL,
        key     TEXT NOT NULL,
        created INTEGER NOT NULL,
        done    INTEGER NOT NULL,
        counts  TEXT NOT NULL,
        fr      BLOB NOT NULL,
        res     BLOB NOT NULL,
        PRIMARY KEY (grain, dim, start, key)
      ) WITHOUT ROWID;
      -- The event-log sequence counted so far, and the zone the buckets were cut in.
      CREATE TABLE kpi_state (
        id        INTEGER PRIMARY KEY CHECK (id = 1),
        seq       INTEGER NOT NULL,
        time_zone TEXT NOT NULL
      );
      CREATE TABLE kpi_settings (
        id         INTEGER PRIMARY KEY CHECK (id = 1),
        settings   TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        updated_by TEXT NOT NULL
      );
    `,
  },
  {
    version: 17,
    name: 'runbooks',
    sql: `
      -- Every saved version of every runbook's YAML (src-main/runbooks); shipped files come in as saved by 'vigil'.
      CREATE TABLE runbook_versions (
        runbook_id TEXT NOT NULL,
        version    INTEGER NOT NULL,
        yaml       TEXT NOT NULL,
        file_name  TEXT NOT NULL,
        source     TEXT NOT NULL CHECK (source IN ('shipped', 'custom')),
        saved_at   INTEGER NOT NULL,
        saved_by   TEXT NOT NULL,
        PRIMARY KEY (runbook_id, version)
      ) WITHOUT ROWID;

      -- Runs and their steps; secret parameters are stored as null.
      CREATE TABLE runbook_runs (
        id             TEXT PRIMARY KEY,
        runbook_id     TEXT NOT NULL,
        runbook_name   TEXT NOT NULL,
        version        INTEGER NOT NULL,
        state          TEXT NOT NULL,
        result         TEXT,
        trigger        TEXT NOT NULL,
        actor          TEXT NOT NULL,
        params         TEXT NOT NULL,
        selected_steps TEXT,
        rerun_of       TEXT,
        approval       TEXT,
        current_step   TEXT,
        created_at     INTEGER NOT NULL,
        started_at     INTEGER,
        ended_at       INTEGER
      );
      CREATE INDEX runbook_runs_by_runbook ON runbook_runs (runbook_id, created_at);
      CREATE INDEX runbook_runs_by_time ON runbook_runs (created_at);
      CREATE INDEX runbook_runs_live ON runbook_runs (state) WHERE state <> 'done';

      CREATE TABLE runbook_run_steps (
        run_id        TEXT NOT NULL REFERENCES runbook_runs (id) ON DELETE CASCADE,
        position      INTEGER NOT NULL,
        step_id       TEXT NOT NULL,
        name          TEXT NOT NULL,
        action        TEXT NOT NULL,
        critical      INTEGER NOT NULL,
        state         TEXT NOT NULL,
        started_at    INTEGER,
        ended_at      INTEGER,
        message       TEXT,
        outputs       TEXT NOT NULL DEFAULT '{}',
        lines_dropped INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (run_id, step_id)
      ) WITHOUT ROWID;

      CREATE TABLE runbook_step_lines (
        run_id  TEXT NOT NULL REFERENCES runbook_runs (id) ON DELETE CASCADE,
        step_id TEXT NOT NULL,
        seq     INTEGER NOT NULL,
        at      INTEGER NOT NULL,
        text    TEXT NOT NULL,
        PRIMARY KEY (run_id, step_id, seq)
      ) WITHOUT ROWID;

      -- One vote per person per run.
      CREATE TABLE runbook_approvals (
        run_id   TEXT NOT NULL REFERENCES runbook_runs (id) ON DELETE CASCADE,
        voter    TEXT NOT NULL,
        decision TEXT NOT NULL CHECK (decision IN ('approved', 'rejected')),
        comment  TEXT NOT NULL,
        at       INTEGER NOT NULL,
        PRIMARY KEY (run_id, voter)
      ) WITHOUT ROWID;

      CREATE TABLE runbook_decisions (
        run_id      TEXT NOT NULL REFERENCES runbook_runs (id) ON DELETE CASCADE,
        step_id     TEXT NOT NULL,
        question    TEXT NOT NULL,
        choices     TEXT NOT NULL,
        roles       TEXT NOT NULL,
        asked_at    INTEGER NOT NULL,
        answer      TEXT,
        answered_by TEXT,
        answered_at INTEGER,
        comment     TEXT,
        PRIMARY KEY (run_id, step_id)
      ) WITHOUT ROWID;

      -- The executables the exec action may run (an admin's list).
      CREATE TABLE runbook_exec_allow (
        name       TEXT PRIMARY KEY,
        path       TEXT NOT NULL,
        args       TEXT NOT NULL,
        timeout_ms INTEGER NOT NULL,
        note       TEXT NOT NULL,
        added_by   TEXT NOT NULL,
        added_at   INTEGER NOT NULL
      ) WITHOUT ROWID;

      -- Retention days, and each schedule's last time considered (for the missed-run policy).
      CREATE TABLE runbook_settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 19,
    name: 'team mode: outbox, sync state, shared ticket events',
    sql: `
      -- Events another workstation wrote (team mode) carry its id; NULL: written here.
      ALTER TABLE ticket_events ADD COLUMN workstation TEXT;
      CREATE UNIQUE INDEX ticket_events_by_id ON ticket_events (id);
      -- Where the shared database put each event it applied in its ticket's history, and the
      -- changes of it the merge skipped (JSON); a ticket folds these first, by version, then
      -- what this workstation wrote that is still waiting.
      CREATE TABLE ticket_event_merge (
        event_id TEXT PRIMARY KEY,
        version  INTEGER NOT NULL,
        skip     TEXT NOT NULL
      );

      -- The shared PostgreSQL database (src-main/team); its password is in the keychain only.
      CREATE TABLE team_settings (
        id         INTEGER PRIMARY KEY CHECK (id = 1),
        host       TEXT NOT NULL,
        port       INTEGER NOT NULL,
        database   TEXT NOT NULL,
        user       TEXT NOT NULL,
        tls        INTEGER NOT NULL,
        changed_at INTEGER NOT NULL,
        changed_by TEXT NOT NULL
      );
      -- Shared changes not yet applied by the shared database, written in the same transaction as
      -- the change; seq is this workstation's operation sequence (AUTOINCREMENT: never reused).
      CREATE TABLE team_outbox (
        seq          INTEGER PRIMARY KEY AUTOINCREMENT,
        op_id        TEXT NOT NULL UNIQUE,
        kind         TEXT NOT NULL,
        hlc          TEXT NOT NULL,
        base_version INTEGER NOT NULL,
        payload      TEXT NOT NULL,
        created_at   INTEGER NOT NULL
      );
      -- The hybrid logical clock, the pull cursor (transaction id and position, as text: xid8 and
      -- bigint exceed JavaScript numbers), what the header shows of the sync, and the shared
      -- database this workstation joined (vigil.instance; NULL: none yet).
      CREATE TABLE team_sync (
        id            INTEGER PRIMARY KEY CHECK (id = 1),
        shared_id     TEXT,
        hlc           TEXT NOT NULL,
        cursor_txid   TEXT NOT NULL,
        cursor_pos    TEXT NOT NULL,
        last_sync_at  INTEGER,
        offline_since INTEGER,
        last_error    TEXT
      );
      INSERT INTO team_sync (id, hlc, cursor_txid, cursor_pos) VALUES (1, '000000000000000:000000', '0', '0');
    `,
  },
  {
    version: 20,
    name: 'kpi: only hour cells are stored; a day is the sum of its hours',
    sql: `
      -- The KPI service sums a day's cells from its hour cells in memory (src-main/kpi/day-cache.ts),
      -- so a ticket change no longer rewrites the large day cells every ticket of the day shares.
      DELETE FROM kpi_cells WHERE grain = 1;
    `,
  },
  {
    version: 21,
    name: 'team mode: the shared claim on each alerted problem, as last heard',
    sql: `
      -- key: a connection's FHIR base URL and the alert's rule (src-main/monitor/service/alert-sharing.ts);
      -- version: the shared database's, only ever newer replaces; workstation NULL: this one.
      CREATE TABLE alert_claims (
        key         TEXT PRIMARY KEY,
        version     INTEGER NOT NULL,
        state       TEXT NOT NULL,
        by_user     TEXT,
        workstation TEXT,
        at          INTEGER NOT NULL
      );
    `,
  },
];
