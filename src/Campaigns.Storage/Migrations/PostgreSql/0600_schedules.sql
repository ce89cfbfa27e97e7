-- Recurring schedules: the query side of schedule grains.
CREATE TABLE schedules (
    agency_id   TEXT NOT NULL,
    id          TEXT NOT NULL,
    active      INTEGER NOT NULL,
    version     BIGINT NOT NULL,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    document    TEXT NOT NULL,
    PRIMARY KEY (agency_id, id)
);
