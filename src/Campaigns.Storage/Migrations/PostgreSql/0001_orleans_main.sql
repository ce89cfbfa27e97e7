-- Orleans ADO.NET providers for PostgreSQL (invariant "Npgsql") read the SQL they run from this table
-- at silo start; a missing key fails startup with "Not all required queries found".
-- No apostrophes or dollar signs in these scripts: DbUp parses them before PostgreSQL does.
CREATE TABLE OrleansQuery
(
    QueryKey  varchar(64) NOT NULL,
    QueryText text        NOT NULL,
    CONSTRAINT PK_OrleansQuery PRIMARY KEY (QueryKey)
);
