-- Name searches ignore spaces and punctuation inside names as well as case and accents (issue 14): "ndiaye" and
-- "N DIAYE" find N'DIAYE, whose key used to be "N DIAYE". From now on a key holds only A-Z and 0-9; the keys written
-- before held those and single spaces, so dropping the spaces gives exactly the key the code now computes.
-- Portable SQL: the same script runs on SQLite and PostgreSQL.

UPDATE certificates SET name_key = REPLACE(name_key, ' ', '');
