-- The certificate registry: one row per certificate, and an append-only, hash-chained event log.
-- Portable SQL: the same script runs on SQLite and PostgreSQL. Times are epoch seconds (UTC).

CREATE TABLE certificates (
    id                VARCHAR(21)   NOT NULL PRIMARY KEY,
    type              VARCHAR(64)   NOT NULL,
    office            VARCHAR(16)   NOT NULL,
    family_name       VARCHAR(200)  NOT NULL,
    given_names       VARCHAR(200)  NOT NULL,
    name_key          VARCHAR(420)  NOT NULL,
    birth_date        VARCHAR(10)   NOT NULL,
    foreigner_number  VARCHAR(40),
    issued_at         BIGINT        NOT NULL,
    expires_at        BIGINT,
    signer_kid        VARCHAR(16)   NOT NULL,
    seal_sha256       VARCHAR(64)   NOT NULL,
    pdf_sha256        VARCHAR(64)   NOT NULL,
    file              VARCHAR(4000) NOT NULL,
    status            VARCHAR(16)   NOT NULL,
    superseded_by     VARCHAR(21),
    supersedes        VARCHAR(21),
    status_index      BIGINT,
    idempotency_key   VARCHAR(200),
    CONSTRAINT certificates_status_index UNIQUE (status_index),
    CONSTRAINT certificates_idempotency_key UNIQUE (idempotency_key)
);

CREATE INDEX certificates_by_name ON certificates (name_key);
CREATE INDEX certificates_by_birth_date ON certificates (birth_date);
CREATE INDEX certificates_by_issue ON certificates (issued_at);
CREATE INDEX certificates_by_status ON certificates (status);

CREATE TABLE events (
    seq             BIGINT        NOT NULL PRIMARY KEY,
    certificate_id  VARCHAR(21)   NOT NULL,
    kind            VARCHAR(16)   NOT NULL,
    actor           VARCHAR(200)  NOT NULL,
    reason          VARCHAR(2000),
    at_millis       BIGINT        NOT NULL,
    related_id      VARCHAR(21),
    previous_hash   VARCHAR(64)   NOT NULL,
    hash            VARCHAR(64)   NOT NULL
);

CREATE INDEX events_by_certificate ON events (certificate_id, seq);
