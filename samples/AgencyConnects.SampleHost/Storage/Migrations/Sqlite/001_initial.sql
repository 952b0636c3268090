-- The sample host's schema on SQLite, the same tables as on PostgreSQL (see Migrations/Postgres/001_initial.sql for
-- what each one is for). Instants are INTEGER Unix ticks (100 ns); booleans are 0 and 1. Writes are serialized by
-- BEGIN IMMEDIATE (one writer at a time), so the persons rows need no lock here; the unique keys remain the last guard.

CREATE TABLE streams (
    stream_id TEXT PRIMARY KEY,
    kind      TEXT    NOT NULL,
    version   INTEGER NOT NULL
);

CREATE TABLE events (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    stream_id TEXT    NOT NULL REFERENCES streams (stream_id),
    version   INTEGER NOT NULL,
    type      TEXT    NOT NULL,
    body      TEXT    NOT NULL,
    at        INTEGER NOT NULL,
    CONSTRAINT events_stream_version UNIQUE (stream_id, version)
);

CREATE TABLE persons (
    person_id TEXT PRIMARY KEY
);

CREATE TABLE agencies (
    agency_id TEXT PRIMARY KEY,
    owner_id  TEXT    NOT NULL,
    closed_at INTEGER NULL
);
CREATE UNIQUE INDEX agencies_one_open_agency_per_owner ON agencies (owner_id) WHERE closed_at IS NULL;

CREATE TABLE memberships (
    agency_id TEXT    NOT NULL REFERENCES agencies (agency_id),
    person_id TEXT    NOT NULL,
    exclusive INTEGER NOT NULL,
    PRIMARY KEY (agency_id, person_id)
);
CREATE UNIQUE INDEX memberships_one_exclusive_per_person ON memberships (person_id) WHERE exclusive;
CREATE INDEX memberships_by_person ON memberships (person_id);

CREATE TABLE ledger (
    stream_id    TEXT    NOT NULL REFERENCES streams (stream_id),
    position     INTEGER NOT NULL,
    kind         TEXT    NOT NULL,
    quantity     INTEGER NOT NULL,
    delta        INTEGER NOT NULL,
    at           INTEGER NOT NULL,
    actor_id     TEXT    NULL,
    proposal_id  TEXT    NULL,
    member_id    TEXT    NULL,
    is_boost     INTEGER NOT NULL,
    submitter_id TEXT    NULL,
    PRIMARY KEY (stream_id, position)
);
