-- The sample host's schema on PostgreSQL. Applied once, in a transaction, at start-up (Storage/Migrator.cs).

-- One row per account: its kind and the version of its last event. A write locks this row (SELECT ... FOR UPDATE), so
-- the writes to one account are serialized; the (stream_id, version) key of events is the last guard.
CREATE TABLE streams (
    stream_id text PRIMARY KEY,
    kind      text   NOT NULL,
    version   bigint NOT NULL
);

-- The events, as Marten lays them out: a row per event keyed by (stream_id, version), which is the optimistic
-- concurrency check, the type tag and the JSON body the AgencyConnects.Domain.Json package writes (kept as written:
-- json, not jsonb), and a global sequence for projections.
CREATE TABLE events (
    seq       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    stream_id text        NOT NULL REFERENCES streams (stream_id),
    version   bigint      NOT NULL,
    type      text        NOT NULL,
    body      json        NOT NULL,
    at        timestamptz NOT NULL,
    CONSTRAINT events_stream_version UNIQUE (stream_id, version)
);

-- A row per person whose cross-agency facts an operation reads: locked (SELECT ... FOR UPDATE) before the facts are
-- read, so two operations on one person's memberships never both pass the library's checks (write skew under
-- READ COMMITTED, which no unique index can catch: an exclusive join racing a non-exclusive one).
CREATE TABLE persons (
    person_id text PRIMARY KEY
);

-- The directory's facts (AgencyDirectory), kept by the agencies' events in the same transaction.
CREATE TABLE agencies (
    agency_id text PRIMARY KEY,
    owner_id  text        NOT NULL,
    closed_at timestamptz NULL
);
-- A person owns at most one open agency.
CREATE UNIQUE INDEX agencies_one_open_agency_per_owner ON agencies (owner_id) WHERE closed_at IS NULL;

CREATE TABLE memberships (
    agency_id text    NOT NULL REFERENCES agencies (agency_id),
    person_id text    NOT NULL,
    exclusive boolean NOT NULL,
    PRIMARY KEY (agency_id, person_id)
);
-- A person is an exclusive member of one agency at most.
CREATE UNIQUE INDEX memberships_one_exclusive_per_person ON memberships (person_id) WHERE exclusive;
CREATE INDEX memberships_by_person ON memberships (person_id);

-- The pool's ledger, a projection of the events kept in the same transaction, read by range and page. timestamptz
-- holds microseconds: the ledger's instants are the events' to the microsecond (the events' JSON keeps them whole).
CREATE TABLE ledger (
    stream_id    text        NOT NULL REFERENCES streams (stream_id),
    position     bigint      NOT NULL,
    kind         text        NOT NULL,
    quantity     integer     NOT NULL,
    delta        bigint      NOT NULL,
    at           timestamptz NOT NULL,
    actor_id     text        NULL,
    proposal_id  text        NULL,
    member_id    text        NULL,
    is_boost     boolean     NOT NULL,
    submitter_id text        NULL,
    PRIMARY KEY (stream_id, position)
);
