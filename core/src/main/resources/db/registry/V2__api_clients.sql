-- API clients of registered administrations' systems, and the log of their accesses to certificate records.
-- Portable SQL: the same script runs on SQLite and PostgreSQL. Keys are never stored, only their SHA-256 (hex).

CREATE TABLE api_client (
    name        VARCHAR(64)  NOT NULL PRIMARY KEY,
    key_sha256  VARCHAR(64)  NOT NULL,
    created_at  BIGINT       NOT NULL,
    revoked_at  BIGINT,
    CONSTRAINT api_client_key UNIQUE (key_sha256)
);

-- One row per access: who, when, which certificate (NULL when the id was malformed), and the outcome.
-- No holder data.
CREATE TABLE api_access (
    client_name     VARCHAR(64)  NOT NULL,
    certificate_id  VARCHAR(21),
    at_millis       BIGINT       NOT NULL,
    outcome         VARCHAR(16)  NOT NULL
);

CREATE INDEX api_access_by_client ON api_access (client_name, at_millis);
CREATE INDEX api_access_by_certificate ON api_access (certificate_id, at_millis);
