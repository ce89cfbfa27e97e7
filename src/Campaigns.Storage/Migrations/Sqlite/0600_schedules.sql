-- Recurring schedules: the query side of schedule grains.
CREATE TABLE schedules (
    agency_id   TEXT NOT NULL,
    id          TEXT NOT NULL,
    active      INTEGER NOT NULL,
    version     INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    document    TEXT NOT NULL,
    PRIMARY KEY (agency_id, id)
);
