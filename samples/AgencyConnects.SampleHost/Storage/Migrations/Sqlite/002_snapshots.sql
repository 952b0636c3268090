-- The latest snapshot of each account (see Migrations/Postgres/002_snapshots.sql).
CREATE TABLE snapshots (
    stream_id TEXT    PRIMARY KEY REFERENCES streams (stream_id),
    version   INTEGER NOT NULL,
    body      TEXT    NOT NULL
);
