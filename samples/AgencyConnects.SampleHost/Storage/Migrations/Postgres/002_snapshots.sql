-- The latest snapshot of each account (AccountSnapshot, as the AgencyConnects.Domain.Json package writes it), written in
-- the same transaction as the events it sums up; an account loads from it plus the events after its version.
CREATE TABLE snapshots (
    stream_id text   PRIMARY KEY REFERENCES streams (stream_id),
    version   bigint NOT NULL,
    body      json   NOT NULL
);
