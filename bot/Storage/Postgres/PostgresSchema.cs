using Npgsql;

namespace Bot.Storage.Postgres;

/// <summary>
/// The PostgreSQL schema as numbered migrations, applied in order at start-up. Each runs in its own
/// transaction and is recorded in <c>schema_migrations</c>; a session-level advisory lock makes
/// instances that start at the same moment take turns, so each migration runs exactly once.
/// A new table or column is a new migration at the end of the list; applied ones never change.
/// </summary>
internal static class PostgresSchema
{
    /// <summary>The advisory lock key of the migration (an arbitrary constant: "stadsbot" in ASCII).</summary>
    private const long MigrationLock = 0x73_74_61_64_73_62_6f_74;

    public static IReadOnlyList<(int Version, string Name, string Sql)> Migrations { get; } =
    [
        (1, "conversations, cases, fault reports, alerts, channels, statistics, privacy log", """
            CREATE TABLE conversations (
                id text PRIMARY KEY,
                user_id text NOT NULL,
                channel text NOT NULL,
                created_at timestamptz NOT NULL,
                started boolean NOT NULL DEFAULT false,
                next_seq integer NOT NULL DEFAULT 0,
                last_timestamp timestamptz NULL
            );
            CREATE INDEX conversations_user ON conversations (user_id);
            CREATE TABLE activities (
                conversation_id text NOT NULL,
                seq integer NOT NULL,
                json text NOT NULL,
                dedupe_key text NULL,
                PRIMARY KEY (conversation_id, seq)
            );
            CREATE UNIQUE INDEX activities_dedupe ON activities (conversation_id, dedupe_key) WHERE dedupe_key IS NOT NULL;
            CREATE TABLE pending_turns (
                conversation_id text NOT NULL,
                activity_id text NOT NULL,
                channel text NOT NULL,
                seq integer NULL,
                activity_json text NULL,
                created_at timestamptz NOT NULL,
                attempts integer NOT NULL DEFAULT 0,
                PRIMARY KEY (conversation_id, activity_id)
            );
            CREATE TABLE conversation_state (
                conversation_id text PRIMARY KEY,
                json text NOT NULL,
                updated_at timestamptz NOT NULL
            );
            CREATE TABLE uploads (
                conversation_id text NOT NULL,
                name text NOT NULL,
                content_type text NOT NULL,
                content bytea NOT NULL,
                created_at timestamptz NOT NULL,
                PRIMARY KEY (conversation_id, name)
            );
            CREATE TABLE settings (
                key text PRIMARY KEY,
                value text NOT NULL
            );
            CREATE TABLE sequences (
                name text PRIMARY KEY,
                last bigint NOT NULL
            );
            CREATE TABLE cases (
                id text PRIMARY KEY,
                conversation_id text NOT NULL,
                channel text NOT NULL,
                user_id text NOT NULL,
                status text NOT NULL,
                grp text NOT NULL,
                language text NOT NULL,
                topic text NULL,
                summary_json text NOT NULL,
                created_at timestamptz NOT NULL,
                claimed_by text NULL,
                claimed_by_name text NULL,
                claimed_at timestamptz NULL,
                closed_at timestamptz NULL,
                resolution text NULL,
                rating integer NULL
            );
            CREATE INDEX cases_status ON cases (status, created_at);
            CREATE INDEX cases_conversation ON cases (conversation_id);
            CREATE INDEX cases_user ON cases (user_id);
            CREATE TABLE case_events (
                id bigserial PRIMARY KEY,
                case_id text NOT NULL,
                at timestamptz NOT NULL,
                kind text NOT NULL,
                actor text NULL,
                text text NULL
            );
            CREATE INDEX case_events_case ON case_events (case_id, at);
            CREATE TABLE crisis_alerts (
                id text PRIMARY KEY,
                text text NOT NULL,
                topics_json text NOT NULL,
                created_at timestamptz NOT NULL,
                expires_at timestamptz NOT NULL,
                created_by text NULL
            );
            CREATE TABLE fault_reports (
                reference text PRIMARY KEY,
                category text NOT NULL,
                location text NOT NULL,
                description text NOT NULL,
                photo_url text NULL,
                contact text NULL,
                status text NOT NULL,
                status_comment text NULL,
                language text NOT NULL,
                conversation_id text NOT NULL,
                channel text NOT NULL,
                created_at timestamptz NOT NULL,
                updated_at timestamptz NOT NULL
            );
            CREATE INDEX fault_reports_status ON fault_reports (status, created_at);
            CREATE INDEX fault_reports_conversation ON fault_reports (conversation_id);
            CREATE TABLE fault_report_events (
                id bigserial PRIMARY KEY,
                reference text NOT NULL REFERENCES fault_reports (reference),
                at timestamptz NOT NULL,
                status text NOT NULL,
                comment text NULL,
                actor text NULL
            );
            CREATE INDEX fault_report_events_reference ON fault_report_events (reference, at);
            CREATE TABLE webhook_outbox (
                id bigserial PRIMARY KEY,
                kind text NOT NULL,
                subject text NOT NULL,
                payload text NOT NULL,
                created_at timestamptz NOT NULL,
                attempts integer NOT NULL DEFAULT 0,
                next_attempt_at timestamptz NOT NULL,
                done_at timestamptz NULL
            );
            CREATE INDEX webhook_outbox_due ON webhook_outbox (next_attempt_at) WHERE done_at IS NULL;
            CREATE TABLE messenger_inbox (
                seq bigserial PRIMARY KEY,
                event_key text NOT NULL UNIQUE,
                kind text NOT NULL,
                page_id text NOT NULL,
                sender_id text NOT NULL,
                timestamp bigint NOT NULL,
                json text NOT NULL,
                received_at timestamptz NOT NULL,
                state text NOT NULL DEFAULT 'pending',
                attempts integer NOT NULL DEFAULT 0,
                stored_seq integer NULL,
                done_at timestamptz NULL
            );
            CREATE INDEX messenger_inbox_pending ON messenger_inbox (state, timestamp, seq);
            CREATE TABLE messenger_residents (
                conversation_id text PRIMARY KEY,
                page_id text NOT NULL,
                psid text NOT NULL,
                last_message_ms bigint NOT NULL
            );
            CREATE TABLE connector_conversations (
                id text PRIMARY KEY,
                service_url text NOT NULL,
                channel_id text NOT NULL,
                conversation_json text NOT NULL,
                bot_json text NOT NULL,
                user_json text NOT NULL,
                updated_at timestamptz NOT NULL
            );
            CREATE TABLE privacy_log (
                id bigserial PRIMARY KEY,
                at timestamptz NOT NULL,
                actor text NOT NULL,
                action text NOT NULL,
                subject text NOT NULL,
                items integer NOT NULL
            );
            CREATE TABLE stat_turns (
                id bigserial PRIMARY KEY,
                conversation_id text NOT NULL,
                activity_id text NULL,
                channel text NOT NULL,
                at timestamptz NOT NULL,
                question text NULL,
                outcome text NOT NULL,
                answer_id text NULL,
                confidence double precision NOT NULL,
                language text NOT NULL,
                topic text NULL,
                top_candidate text NULL,
                feedback text NULL,
                verdict text NULL,
                route text NOT NULL,
                case_id text NULL,
                duration_ms double precision NOT NULL,
                case_wait_s double precision NULL,
                case_rating integer NULL,
                case_abandoned boolean NOT NULL DEFAULT false
            );
            CREATE INDEX stat_turns_at ON stat_turns (at);
            CREATE INDEX stat_turns_conversation ON stat_turns (conversation_id, at);
            CREATE INDEX stat_turns_case ON stat_turns (case_id) WHERE case_id IS NOT NULL;
            """),
        (2, "ASP.NET Core Data Protection keys, knowledge edits", """
            CREATE TABLE data_protection_keys (
                id serial PRIMARY KEY,
                friendly_name text NOT NULL,
                xml text NOT NULL
            );
            CREATE TABLE knowledge_edits (
                id bigserial PRIMARY KEY,
                kind text NOT NULL,
                entry_id text NULL,
                file text NOT NULL,
                text text NOT NULL,
                actor text NOT NULL,
                created_at timestamptz NOT NULL
            );
            """),
        (3, "alerts' English text, fault reports' receipt code", """
            ALTER TABLE crisis_alerts ADD COLUMN text_en text NULL;
            ALTER TABLE fault_reports ADD COLUMN access_code text NULL;
            """),
        (4, "guide sessions and stored guide passwords", """
            CREATE TABLE guide_sessions (
                id text PRIMARY KEY,
                user_name text NOT NULL,
                user_key text NOT NULL,
                kind text NOT NULL,
                created_at timestamptz NOT NULL,
                expires_at timestamptz NOT NULL,
                revoked_at timestamptz NULL
            );
            CREATE INDEX guide_sessions_user ON guide_sessions (user_key, expires_at);
            CREATE TABLE guide_passwords (
                user_key text PRIMARY KEY,
                replaces text NOT NULL,
                password_hash text NOT NULL,
                changed_at timestamptz NOT NULL
            );
            """),
        (5, "upload quota counters", """
            CREATE TABLE upload_quota (
                key text NOT NULL,
                window_start timestamptz NOT NULL,
                bytes bigint NOT NULL,
                expires_at timestamptz NOT NULL,
                PRIMARY KEY (key, window_start)
            );
            CREATE INDEX upload_quota_expires ON upload_quota (expires_at);
            """),
        (6, "saved replies", """
            CREATE TABLE saved_replies (
                id text PRIMARY KEY,
                grp text NULL,
                shortcut text NOT NULL,
                title text NOT NULL,
                text text NOT NULL,
                created_by text NULL,
                updated_at timestamptz NOT NULL
            );
            """),
        (7, "e-mail outbox", """
            CREATE TABLE email_outbox (
                id text PRIMARY KEY,
                case_id text NOT NULL,
                conversation_id text NOT NULL,
                recipient text NOT NULL,
                subject text NOT NULL,
                body text NOT NULL,
                guide text NOT NULL,
                created_at timestamptz NOT NULL,
                next_attempt_at timestamptz NOT NULL,
                attempts integer NOT NULL DEFAULT 0,
                last_error text NULL,
                sent_at timestamptz NULL
            );
            CREATE INDEX email_outbox_due ON email_outbox (next_attempt_at) WHERE sent_at IS NULL;
            CREATE INDEX email_outbox_case ON email_outbox (case_id);
            CREATE INDEX email_outbox_conversation ON email_outbox (conversation_id);
            """),
    ];

    /// <summary>Creates or brings the schema up to date; safe when several instances run it at once.</summary>
    public static IReadOnlyList<int> Migrate(PostgresDatabase database)
    {
        using var connection = database.Open();
        Execute(connection, $"SELECT pg_advisory_lock({MigrationLock})");
        try
        {
            Execute(connection, """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version integer PRIMARY KEY,
                    name text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """);
            var applied = new HashSet<int>();
            using (var select = PostgresDatabase.Command(connection, "SELECT version FROM schema_migrations"))
            using (var reader = select.ExecuteReader())
            {
                while (reader.Read())
                {
                    applied.Add(reader.GetInt32(0));
                }
            }
            var newlyApplied = new List<int>();
            foreach (var (version, name, sql) in Migrations.Where(m => !applied.Contains(m.Version)).OrderBy(m => m.Version))
            {
                using var transaction = connection.BeginTransaction();
                using (var migrate = new NpgsqlCommand(sql, connection, transaction))
                {
                    migrate.ExecuteNonQuery();
                }
                using (var record = PostgresDatabase.Command(connection, "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", version, name))
                {
                    record.Transaction = transaction;
                    record.ExecuteNonQuery();
                }
                transaction.Commit();
                newlyApplied.Add(version);
            }
            return newlyApplied;
        }
        finally
        {
            Execute(connection, $"SELECT pg_advisory_unlock({MigrationLock})");
        }
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
