namespace PerfLab.Results.Schema;

/// <summary>The first results schema; docs/schema.md explains every table and column.</summary>
internal static class SchemaV1
{
    // STRICT tables make SQLite refuse a value of the wrong type instead of silently storing it.
    // Enum columns carry no CHECK: adding an enum member must not need a table rebuild.
    public const string Sql = """
        CREATE TABLE hosts (
            name            TEXT NOT NULL PRIMARY KEY,
            os              TEXT NOT NULL,
            architecture    TEXT NOT NULL,
            processor_count INTEGER NOT NULL,
            cpu_model       TEXT NOT NULL,
            first_seen      TEXT NOT NULL,
            last_seen       TEXT NOT NULL
        ) STRICT;

        CREATE TABLE devices (
            id             INTEGER PRIMARY KEY,
            host           TEXT NOT NULL REFERENCES hosts(name),
            device_id      TEXT NOT NULL,
            family         TEXT NOT NULL,
            model          TEXT NOT NULL,
            emulated       INTEGER NOT NULL CHECK (emulated IN (0, 1)),
            labels         TEXT NOT NULL,
            properties     TEXT NOT NULL,
            key_properties TEXT NOT NULL,
            fingerprint    TEXT NOT NULL UNIQUE
        ) STRICT;
        CREATE INDEX ix_devices_host_device ON devices(host, device_id);

        CREATE TABLE runs (
            id                  TEXT NOT NULL PRIMARY KEY,
            suite               TEXT NOT NULL,
            suite_version       TEXT NOT NULL,
            suite_sha256        TEXT NOT NULL,
            scope               INTEGER NOT NULL,
            build               TEXT NOT NULL,
            branch              TEXT NOT NULL,
            tags                TEXT NOT NULL,
            host                TEXT NOT NULL REFERENCES hosts(name),
            device              INTEGER NOT NULL REFERENCES devices(id),
            agent_version       TEXT NOT NULL,
            environment         TEXT NOT NULL,
            started_at          TEXT NOT NULL,
            ended_at            TEXT,
            status              INTEGER NOT NULL,
            agent_pid           INTEGER,
            agent_host          TEXT,
            agent_process_start TEXT
        ) STRICT;
        CREATE INDEX ix_runs_started ON runs(started_at);
        CREATE INDEX ix_runs_suite_started ON runs(suite, started_at);
        CREATE INDEX ix_runs_build ON runs(build, started_at);
        CREATE INDEX ix_runs_branch_started ON runs(branch, started_at);
        CREATE INDEX ix_runs_agent ON runs(agent_host, status);

        CREATE TABLE run_metrics (
            run_id         TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            metric         TEXT NOT NULL,
            unit           TEXT NOT NULL,
            better         INTEGER NOT NULL,
            budget_percent REAL,
            gate_min       REAL,
            gate_max       REAL,
            description    TEXT,
            PRIMARY KEY (run_id, metric)
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE cases (
            id                INTEGER PRIMARY KEY,
            run_id            TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            name              TEXT NOT NULL,
            parameters        TEXT NOT NULL,
            device            INTEGER NOT NULL REFERENCES devices(id),
            comparability_key TEXT NOT NULL,
            key_parts         TEXT NOT NULL,
            status            INTEGER NOT NULL,
            failure           TEXT,
            failure_message   TEXT,
            started_at        TEXT NOT NULL,
            ended_at          TEXT NOT NULL,
            facts             TEXT NOT NULL
        ) STRICT;
        CREATE INDEX ix_cases_run ON cases(run_id, name);
        CREATE INDEX ix_cases_key ON cases(comparability_key);
        CREATE INDEX ix_cases_name ON cases(name);

        CREATE TABLE samples (
            case_id    INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            step       TEXT NOT NULL,
            repetition INTEGER NOT NULL,
            metric     TEXT NOT NULL,
            value      REAL NOT NULL,
            unit       TEXT NOT NULL
        ) STRICT;
        CREATE INDEX ix_samples_case_metric ON samples(case_id, metric);

        CREATE TABLE repetitions (
            case_id      INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            step         TEXT NOT NULL,
            repetition   INTEGER NOT NULL,
            warmup       INTEGER NOT NULL CHECK (warmup IN (0, 1)),
            wall_seconds REAL NOT NULL,
            exit_code    INTEGER,
            failure      TEXT
        ) STRICT;
        CREATE INDEX ix_repetitions_case ON repetitions(case_id);

        CREATE TABLE telemetry (
            case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            at      TEXT NOT NULL,
            channel TEXT NOT NULL,
            value   REAL NOT NULL,
            unit    TEXT NOT NULL,
            flag    TEXT
        ) STRICT;
        CREATE INDEX ix_telemetry_case ON telemetry(case_id, channel);

        CREATE TABLE checks (
            case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            name    TEXT NOT NULL,
            passed  INTEGER NOT NULL CHECK (passed IN (0, 1)),
            detail  TEXT NOT NULL
        ) STRICT;
        CREATE INDEX ix_checks_case ON checks(case_id);

        CREATE TABLE artifacts (
            case_id         INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            name            TEXT NOT NULL,
            media_type      TEXT NOT NULL,
            sha256          TEXT NOT NULL,
            original_length INTEGER NOT NULL,
            content         BLOB NOT NULL,
            truncated       INTEGER NOT NULL CHECK (truncated IN (0, 1))
        ) STRICT;
        CREATE INDEX ix_artifacts_case ON artifacts(case_id);
        """;
}
