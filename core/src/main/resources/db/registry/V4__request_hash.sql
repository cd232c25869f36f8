-- The issuing service's Idempotency-Key (issue 17): a second request with the same key must be the same request.
-- The SHA-256 of the request that issued a certificate under a key is kept beside the key, so that a repeated
-- request gets the same certificate and a different one with the same key is refused. Empty for other issuances.
-- Portable SQL: the same script runs on SQLite and PostgreSQL.

ALTER TABLE certificates ADD COLUMN request_sha256 VARCHAR(64);
