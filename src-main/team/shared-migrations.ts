/**
 * The shared database's schema, as forward-only numbered migrations (the
 * local store's rule: strictly increasing, only appended). They run as the
 * database's owner (`npm run team:migrate`, README "Team mode"); a
 * workstation logs in as a member of the `vigil_workstation` group, which
 * may read every table and call the functions below, and nothing else: it
 * can neither UPDATE nor DELETE shared history, and the append-only tables
 * refuse it even to their owner.
 *
 * One operation is applied by vigil.apply_op in one transaction, once: its
 * UUIDv7 is the key, a repeat answers the first application's result. It
 * hands the operation to its kind's function (vigil.op_kinds); a later
 * migration adds a kind with a function and a row there, and grants SELECT
 * on its new tables to vigil_workstation. Each
 * workstation's operations arrive in its own order (ws_seq without gaps).
 * Every row of vigil.ops carries the id of the transaction that wrote it,
 * which is what the pull cursor is fenced by (vigil.pull).
 *
 * Ticket merge rules (README "Team mode"), decided here under the ticket's
 * row lock so every workstation folds the same outcome:
 * - an event is always kept, in the ticket's history, at the next version;
 * - each single-value field is last-writer-wins by (clock, workstation);
 *   a change that loses is kept in the event, listed in its `skip`;
 * - "concurrent" means the field changed, by another workstation, after the
 *   version the writer had seen (base_version);
 * - concurrent priority changes keep the more urgent;
 * - status follows the ticket's state machine (STATUS_TRANSITIONS): a
 *   concurrent change that would take a resolved or closed ticket back to an
 *   open status is not applied but kept as a conflict for a person to
 *   settle; another concurrent change applies when the workflow allows it
 *   from the current status, and is skipped otherwise.
 */
export interface SharedMigration {
  version: number;
  name: string;
  sql: string;
}

export const SHARED_MIGRATIONS: readonly SharedMigration[] = [
  {
    version: 1,
    name: 'operations, shared tickets, the apply and pull functions',
    sql: `
      -- Which shared database this is: a workstation that joined one never mixes its history into another.
      CREATE TABLE vigil.instance (
        id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      INSERT INTO vigil.instance DEFAULT VALUES;

      CREATE TABLE vigil.ops (
        pos          bigserial PRIMARY KEY,
        op_id        uuid NOT NULL UNIQUE,
        workstation  text NOT NULL,
        ws_seq       bigint NOT NULL CHECK (ws_seq > 0),
        kind         text NOT NULL,
        -- Hybrid logical clock: 15 digits of milliseconds, ':', 6 digits of counter (sorts as text).
        hlc          text NOT NULL CHECK (hlc ~ '^[0-9]{15}:[0-9]{6}$'),
        base_version bigint NOT NULL,
        payload      jsonb NOT NULL,
        result       jsonb NOT NULL,
        txid         xid8 NOT NULL DEFAULT pg_current_xact_id(),
        applied_at   timestamptz NOT NULL DEFAULT now(),
        UNIQUE (workstation, ws_seq)
      );
      CREATE INDEX ops_by_txid ON vigil.ops (txid, pos);

      CREATE TABLE vigil.workstations (
        workstation text PRIMARY KEY,
        last_seq    bigint NOT NULL
      );

      CREATE TABLE vigil.tickets (
        ticket_id  uuid PRIMARY KEY,
        version    bigint NOT NULL,
        created_by text NOT NULL
      );

      -- Each single-value field's current value and who set it when.
      CREATE TABLE vigil.ticket_fields (
        ticket_id   uuid NOT NULL REFERENCES vigil.tickets,
        field       text NOT NULL,
        value       jsonb NOT NULL,
        hlc         text NOT NULL,
        workstation text NOT NULL,
        version     bigint NOT NULL,
        PRIMARY KEY (ticket_id, field)
      );

      -- Every event of every ticket, in the order the merge decided (version), with what lost.
      CREATE TABLE vigil.ticket_events (
        ticket_id   uuid NOT NULL REFERENCES vigil.tickets,
        version     bigint NOT NULL,
        event_id    uuid NOT NULL UNIQUE,
        op_id       uuid NOT NULL,
        workstation text NOT NULL,
        hlc         text NOT NULL,
        event       jsonb NOT NULL,
        skip        jsonb NOT NULL,
        PRIMARY KEY (ticket_id, version)
      );

      CREATE FUNCTION vigil.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
      END $$;
      CREATE TRIGGER ops_append_only BEFORE UPDATE OR DELETE ON vigil.ops
        FOR EACH ROW EXECUTE FUNCTION vigil.refuse_change();
      CREATE TRIGGER ticket_events_append_only BEFORE UPDATE OR DELETE ON vigil.ticket_events
        FOR EACH ROW EXECUTE FUNCTION vigil.refuse_change();

      -- Open statuses a resolved or closed ticket must not silently return to.
      CREATE FUNCTION vigil.is_closed_status(s jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
        SELECT s #>> '{}' IN ('resolved', 'closed')
      $$;

      -- src-shared/tickets.ts STATUS_TRANSITIONS.
      CREATE FUNCTION vigil.status_may_go(from_s jsonb, to_s jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
        SELECT from_s = to_s OR (from_s #>> '{}', to_s #>> '{}') IN (
          ('new', 'acknowledged'), ('new', 'in_progress'), ('new', 'pending'), ('new', 'resolved'),
          ('acknowledged', 'in_progress'), ('acknowledged', 'pending'), ('acknowledged', 'resolved'),
          ('in_progress', 'pending'), ('in_progress', 'resolved'),
          ('pending', 'in_progress'), ('pending', 'resolved'),
          ('resolved', 'closed'), ('resolved', 'in_progress'),
          ('closed', 'in_progress'))
      $$;

      CREATE FUNCTION vigil.priority_rank(p jsonb) RETURNS int LANGUAGE sql IMMUTABLE AS $$
        SELECT array_position(ARRAY['emergency', 'critical', 'high', 'medium', 'low'], p #>> '{}')
      $$;

      CREATE FUNCTION vigil.apply_ticket_event(p_op uuid, p_ws text, p_hlc text, p_base bigint, p_event jsonb)
      RETURNS jsonb LANGUAGE plpgsql AS $$
      DECLARE
        tid      uuid := (p_event->>'ticketId')::uuid;
        ver      bigint;
        change   jsonb;
        reg      vigil.ticket_fields%ROWTYPE;
        fname    text;
        wins     boolean;
        skip     jsonb := '[]'::jsonb;
        conflict boolean;
      BEGIN
        IF p_event->>'type' = 'created' THEN
          INSERT INTO vigil.tickets (ticket_id, version, created_by) VALUES (tid, 0, p_ws);
          ver := 1;
        ELSE
          SELECT version + 1 INTO ver FROM vigil.tickets WHERE ticket_id = tid FOR UPDATE;
          IF ver IS NULL THEN
            RAISE EXCEPTION 'ticket % is not shared yet', tid USING ERRCODE = 'foreign_key_violation';
          END IF;
        END IF;

        FOR change IN SELECT * FROM jsonb_array_elements(p_event->'changes') LOOP
          fname := change->>'field';
          SELECT * INTO reg FROM vigil.ticket_fields WHERE ticket_id = tid AND field = fname;
          conflict := false;
          IF NOT FOUND THEN
            wins := true;
          ELSIF reg.version > p_base AND reg.workstation <> p_ws THEN
            -- Concurrent: the writer had not seen the value it would replace.
            IF fname = 'priority' AND vigil.priority_rank(change->'after') <> vigil.priority_rank(reg.value) THEN
              wins := vigil.priority_rank(change->'after') < vigil.priority_rank(reg.value);
            ELSIF fname = 'status' AND vigil.is_closed_status(reg.value) AND NOT vigil.is_closed_status(change->'after') THEN
              wins := false;
              conflict := true;
            ELSIF fname = 'status' THEN
              wins := vigil.status_may_go(reg.value, change->'after');
            ELSE
              wins := (p_hlc, p_ws) > (reg.hlc, reg.workstation);
            END IF;
          ELSE
            wins := (p_hlc, p_ws) > (reg.hlc, reg.workstation);
          END IF;

          IF wins THEN
            INSERT INTO vigil.ticket_fields (ticket_id, field, value, hlc, workstation, version)
              VALUES (tid, fname, change->'after', p_hlc, p_ws, ver)
              ON CONFLICT (ticket_id, field) DO UPDATE
                SET value = excluded.value, hlc = excluded.hlc, workstation = excluded.workstation, version = excluded.version;
          ELSE
            skip := skip || jsonb_build_object('field', fname, 'conflict', conflict, 'current', reg.value, 'by', reg.workstation);
          END IF;
        END LOOP;

        UPDATE vigil.tickets SET version = ver WHERE ticket_id = tid;
        INSERT INTO vigil.ticket_events (ticket_id, version, event_id, op_id, workstation, hlc, event, skip)
          VALUES (tid, ver, (p_event->>'id')::uuid, p_op, p_ws, p_hlc, p_event, skip);
        RETURN jsonb_build_object('ticketId', tid, 'version', ver, 'skip', skip);
      END $$;

      -- The kinds of operation and the function that applies each, called as
      -- fn(op uuid, workstation text, hlc text, base_version bigint, payload jsonb) RETURNS jsonb
      -- inside apply_op's transaction. A new kind is a function and a row here (src-main/team/op-kinds.ts).
      CREATE TABLE vigil.op_kinds (
        kind  text PRIMARY KEY,
        apply regprocedure NOT NULL
      );
      INSERT INTO vigil.op_kinds (kind, apply) VALUES ('ticket.event', 'vigil.apply_ticket_event(uuid, text, text, bigint, jsonb)');

      -- Applies one operation once; a repeat (a retry after a lost answer) returns the first result.
      CREATE FUNCTION vigil.apply_op(p_op uuid, p_ws text, p_seq bigint, p_kind text, p_hlc text, p_base bigint, p_payload jsonb)
      RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER SET search_path = vigil, pg_temp AS $$
      DECLARE
        done   jsonb;
        last   bigint;
        fn     regprocedure;
        result jsonb;
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtextextended(p_ws, 0));
        SELECT o.result INTO done FROM vigil.ops o WHERE o.op_id = p_op;
        IF FOUND THEN
          RETURN done;
        END IF;
        SELECT w.last_seq INTO last FROM vigil.workstations w WHERE w.workstation = p_ws;
        IF p_seq <> COALESCE(last, 0) + 1 THEN
          RAISE EXCEPTION 'operation % of workstation % arrives after %; each workstation''s operations apply in order', p_seq, p_ws, COALESCE(last, 0)
            USING ERRCODE = 'check_violation';
        END IF;
        INSERT INTO vigil.workstations (workstation, last_seq) VALUES (p_ws, p_seq)
          ON CONFLICT (workstation) DO UPDATE SET last_seq = excluded.last_seq;

        SELECT k.apply INTO fn FROM vigil.op_kinds k WHERE k.kind = p_kind;
        IF NOT FOUND THEN
          RAISE EXCEPTION 'unknown operation kind %', p_kind USING ERRCODE = 'invalid_parameter_value';
        END IF;
        EXECUTE format('SELECT %s($1, $2, $3, $4, $5)', fn::oid::regproc) INTO result USING p_op, p_ws, p_hlc, p_base, p_payload;
        INSERT INTO vigil.ops (op_id, workstation, ws_seq, kind, hlc, base_version, payload, result)
          VALUES (p_op, p_ws, p_seq, p_kind, p_hlc, p_base, p_payload, result);
        PERFORM pg_notify('vigil_ops', p_ws);
        RETURN result;
      END $$;

      -- A workstation's waiting operations in one transaction and one round trip, answered in order.
      CREATE FUNCTION vigil.apply_ops(p_ws text, p_ops jsonb)
      RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER SET search_path = vigil, pg_temp AS $$
      DECLARE
        op      jsonb;
        answers jsonb := '[]'::jsonb;
      BEGIN
        FOR op IN SELECT * FROM jsonb_array_elements(p_ops) LOOP
          answers := answers || jsonb_build_array(vigil.apply_op((op->>'opId')::uuid, p_ws, (op->>'seq')::bigint, op->>'kind', op->>'hlc', (op->>'baseVersion')::bigint, op->'payload'));
        END LOOP;
        RETURN answers;
      END $$;

      -- What others changed since a cursor (txid, pos). Only rows of transactions older than every
      -- transaction still running are returned, so a transaction that commits late is never skipped:
      -- until it ends, nothing written after it is handed out either.
      CREATE FUNCTION vigil.pull(p_txid xid8, p_pos bigint, p_limit int)
      RETURNS TABLE (pos bigint, txid xid8, op_id uuid, workstation text, ws_seq bigint, kind text, hlc text, base_version bigint, payload jsonb, result jsonb)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = vigil, pg_temp AS $$
        SELECT o.pos, o.txid, o.op_id, o.workstation, o.ws_seq, o.kind, o.hlc, o.base_version, o.payload, o.result
        FROM vigil.ops o
        WHERE (o.txid, o.pos) > (p_txid, p_pos)
          AND o.txid < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY o.txid, o.pos
        LIMIT p_limit
      $$;

      REVOKE ALL ON ALL FUNCTIONS IN SCHEMA vigil FROM PUBLIC;
      GRANT USAGE ON SCHEMA vigil TO vigil_workstation;
      GRANT SELECT ON ALL TABLES IN SCHEMA vigil TO vigil_workstation;
      GRANT EXECUTE ON FUNCTION vigil.apply_op(uuid, text, bigint, text, text, bigint, jsonb), vigil.apply_ops(text, jsonb), vigil.pull(xid8, bigint, int) TO vigil_workstation;
    `,
  },
  {
    version: 2,
    name: 'audit across workstations: device keys and every chain, append-only',
    sql: `
      -- Each workstation's Ed25519 public key (SPKI PEM); its private half never leaves its keychain.
      CREATE TABLE vigil.devices (
        workstation   text PRIMARY KEY,
        public_key    text NOT NULL,
        registered_at timestamptz NOT NULL DEFAULT now()
      );

      -- Every workstation's audit chain, entry by entry: entry is the canonical text its hash
      -- covers after prev_hash (src-main/audit/canonical.ts), signature the device key's over
      -- 'vigil-audit:<workstation>:<seq>:<hash>' (base64).
      CREATE TABLE vigil.audit_entries (
        workstation text NOT NULL REFERENCES vigil.devices,
        seq         bigint NOT NULL CHECK (seq > 0),
        prev_hash   text NOT NULL,
        hash        text NOT NULL,
        entry       text NOT NULL,
        signature   text NOT NULL,
        pushed_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (workstation, seq)
      );
      CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON vigil.audit_entries
        FOR EACH ROW EXECUTE FUNCTION vigil.refuse_change();
      CREATE TRIGGER devices_append_only BEFORE UPDATE OR DELETE ON vigil.devices
        FOR EACH ROW EXECUTE FUNCTION vigil.refuse_change();

      -- A workstation's first key stays its key: another key under the same id is refused.
      CREATE FUNCTION vigil.register_device(p_ws text, p_key text) RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = vigil, pg_temp AS $$
      DECLARE
        known text;
      BEGIN
        INSERT INTO vigil.devices (workstation, public_key) VALUES (p_ws, p_key) ON CONFLICT (workstation) DO NOTHING;
        SELECT d.public_key INTO known FROM vigil.devices d WHERE d.workstation = p_ws;
        IF known <> p_key THEN
          RAISE EXCEPTION 'workstation % is registered with another device key', p_ws USING ERRCODE = 'unique_violation';
        END IF;
      END $$;

      -- Appends one entry of a workstation's chain, in order: it must link to the entry before it
      -- and its hash must cover its text. The same entry again is answered as done (a lost answer).
      CREATE FUNCTION vigil.append_audit(p_ws text, p_seq bigint, p_prev text, p_hash text, p_entry text, p_sig text) RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = vigil, pg_temp AS $$
      DECLARE
        known text;
        linked text;
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtextextended('audit:' || p_ws, 0));
        SELECT a.hash INTO known FROM vigil.audit_entries a WHERE a.workstation = p_ws AND a.seq = p_seq;
        IF FOUND THEN
          IF known = p_hash THEN
            RETURN;
          END IF;
          RAISE EXCEPTION 'audit entry % of workstation % is already shared with another hash', p_seq, p_ws USING ERRCODE = 'unique_violation';
        END IF;
        IF p_seq = 1 THEN
          linked := repeat('0', 64);
        ELSE
          SELECT a.hash INTO linked FROM vigil.audit_entries a WHERE a.workstation = p_ws AND a.seq = p_seq - 1;
          IF NOT FOUND THEN
            RAISE EXCEPTION 'audit entry % of workstation % arrives before entry %', p_seq, p_ws, p_seq - 1 USING ERRCODE = 'check_violation';
          END IF;
        END IF;
        IF p_prev <> linked THEN
          RAISE EXCEPTION 'audit entry % of workstation % does not link to the shared entry before it', p_seq, p_ws USING ERRCODE = 'check_violation';
        END IF;
        IF p_hash <> encode(sha256(convert_to(p_prev || p_entry, 'UTF8')), 'hex') OR left(p_entry, length(p_seq::text) + 2) <> '[' || p_seq || ',' THEN
          RAISE EXCEPTION 'audit entry % of workstation % does not match its hash', p_seq, p_ws USING ERRCODE = 'check_violation';
        END IF;
        INSERT INTO vigil.audit_entries (workstation, seq, prev_hash, hash, entry, signature) VALUES (p_ws, p_seq, p_prev, p_hash, p_entry, p_sig);
      END $$;

      REVOKE ALL ON FUNCTION vigil.register_device(text, text), vigil.append_audit(text, bigint, text, text, text, text) FROM PUBLIC;
      GRANT SELECT ON vigil.devices, vigil.audit_entries TO vigil_workstation;
      GRANT EXECUTE ON FUNCTION vigil.register_device(text, text), vigil.append_audit(text, bigint, text, text, text, text) TO vigil_workstation;
    `,
  },
  {
    version: 3,
    name: 'accounts and roles shared, with their password verifiers',
    sql: `
      -- Each account's fields (displayName, role, disabled, verifier) and, per field, the
      -- (clock, workstation) that set it: each field is last-writer-wins.
      CREATE TABLE vigil.accounts (
        username text PRIMARY KEY,
        fields   jsonb NOT NULL DEFAULT '{}',
        clocks   jsonb NOT NULL DEFAULT '{}'
      );

      -- Applies one account change and answers the account's state after it. As on a single
      -- workstation (src-main/users), the last active administrator can be neither disabled nor
      -- demoted: such a change is kept in the operation but not applied ('skipped').
      CREATE FUNCTION vigil.apply_account_change(p_op uuid, p_ws text, p_hlc text, p_base bigint, p_change jsonb)
      RETURNS jsonb LANGUAGE plpgsql AS $$
      DECLARE
        uname   text := p_change->>'username';
        stamp   text := p_hlc || ' ' || p_ws;
        before  vigil.accounts%ROWTYPE;
        now_f   jsonb;
        now_c   jsonb;
        k       text;
        v       jsonb;
        skipped boolean := false;
      BEGIN
        INSERT INTO vigil.accounts (username) VALUES (uname) ON CONFLICT (username) DO NOTHING;
        SELECT * INTO before FROM vigil.accounts WHERE username = uname FOR UPDATE;
        now_f := before.fields;
        now_c := before.clocks;
        FOR k, v IN SELECT * FROM jsonb_each(p_change->'fields') LOOP
          IF now_c->>k IS NULL OR stamp > now_c->>k THEN
            now_f := now_f || jsonb_build_object(k, v);
            now_c := now_c || jsonb_build_object(k, stamp);
          END IF;
        END LOOP;
        IF vigil.is_active_admin(before.fields) AND NOT vigil.is_active_admin(now_f) AND NOT EXISTS (
          SELECT 1 FROM vigil.accounts a WHERE a.username <> uname AND vigil.is_active_admin(a.fields)) THEN
          now_f := before.fields;
          now_c := before.clocks;
          skipped := true;
        END IF;
        UPDATE vigil.accounts SET fields = now_f, clocks = now_c WHERE username = uname;
        RETURN jsonb_build_object('username', uname, 'fields', now_f, 'skipped', skipped);
      END $$;

      CREATE FUNCTION vigil.is_active_admin(f jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
        SELECT f->>'role' = 'admin' AND NOT COALESCE((f->>'disabled')::boolean, false)
      $$;

      INSERT INTO vigil.op_kinds (kind, apply) VALUES ('account.change', 'vigil.apply_account_change(uuid, text, text, bigint, jsonb)');

      REVOKE ALL ON FUNCTION vigil.apply_account_change(uuid, text, text, bigint, jsonb), vigil.is_active_admin(jsonb) FROM PUBLIC;
      GRANT SELECT ON vigil.accounts TO vigil_workstation;
    `,
  },
  {
    version: 4,
    name: 'alert responses: one claim per problem, the first acknowledgement wins',
    sql: `
      -- The claim on each alerted problem (src-main/monitor/service/alert-sharing.ts): key is a
      -- connection's FHIR base URL and the alert's rule, the same on every workstation that watches
      -- it. state: acknowledged (by holds it), released (by took it back), resolved (by a person, or
      -- NULL: it recovered). The history of every response is vigil.ops.
      CREATE TABLE vigil.alert_claims (
        key         text PRIMARY KEY,
        version     bigint NOT NULL CHECK (version > 0),
        state       text NOT NULL CHECK (state IN ('acknowledged', 'released', 'resolved')),
        by_user     text,
        workstation text NOT NULL,
        at          bigint NOT NULL,
        reason      text
      );

      -- Applies one response under the problem's lock and answers the claim after it:
      -- - acknowledge: the first wins; while someone holds the problem, a later one is 'taken' and
      --   answered with the holder;
      -- - unacknowledge: releases a held problem, and changes nothing otherwise;
      -- - resolve: ends the claim; a resolution by recovery on a problem already resolved changes
      --   nothing, a person's resolution always applies (the others resolve theirs with it).
      CREATE FUNCTION vigil.apply_alert_response(p_op uuid, p_ws text, p_hlc text, p_base bigint, p_r jsonb)
      RETURNS jsonb LANGUAGE plpgsql AS $$
      DECLARE
        k       text := p_r->>'key';
        kind    text := p_r->>'type';
        cur     vigil.alert_claims%ROWTYPE;
        outcome text := 'applied';
      BEGIN
        IF k IS NULL OR kind NOT IN ('acknowledge', 'unacknowledge', 'resolve') THEN
          RAISE EXCEPTION 'an alert response needs a key and a type' USING ERRCODE = 'invalid_parameter_value';
        END IF;
        PERFORM pg_advisory_xact_lock(hashtextextended('alert:' || k, 0));
        SELECT * INTO cur FROM vigil.alert_claims c WHERE c.key = k;
        IF (kind = 'acknowledge' AND cur.state = 'acknowledged')
          OR (kind = 'unacknowledge' AND cur.state IS DISTINCT FROM 'acknowledged')
          OR (kind = 'resolve' AND p_r->>'by' IS NULL AND cur.state = 'resolved') THEN
          outcome := CASE WHEN kind = 'acknowledge' THEN 'taken' ELSE 'unchanged' END;
        ELSE
          INSERT INTO vigil.alert_claims AS c (key, version, state, by_user, workstation, at, reason)
            VALUES (k, 1, CASE kind WHEN 'acknowledge' THEN 'acknowledged' WHEN 'unacknowledge' THEN 'released' ELSE 'resolved' END,
                    p_r->>'by', p_ws, (p_r->>'at')::bigint, p_r->>'reason')
            ON CONFLICT (key) DO UPDATE SET version = c.version + 1, state = excluded.state, by_user = excluded.by_user,
              workstation = excluded.workstation, at = excluded.at, reason = excluded.reason
            RETURNING * INTO cur;
        END IF;
        RETURN jsonb_build_object('key', k, 'version', COALESCE(cur.version, 0), 'state', COALESCE(cur.state, 'none'),
          'by', cur.by_user, 'workstation', cur.workstation, 'at', COALESCE(cur.at, (p_r->>'at')::bigint),
          'reason', cur.reason, 'outcome', outcome);
      END $$;

      INSERT INTO vigil.op_kinds (kind, apply) VALUES ('alert.response', 'vigil.apply_alert_response(uuid, text, text, bigint, jsonb)');

      REVOKE ALL ON FUNCTION vigil.apply_alert_response(uuid, text, text, bigint, jsonb) FROM PUBLIC;
      GRANT SELECT ON vigil.alert_claims TO vigil_workstation;
    `,
  },
];

/** The newest shared schema this Vigil understands. */
export const SHARED_SCHEMA_VERSION = SHARED_MIGRATIONS[SHARED_MIGRATIONS.length - 1]!.version;
