-- 016: nothing to change here. PostgreSQL's twin (migrations/pg/016_first_id.sql)
-- moves its id sequences past a first row inserted with its own id 1 (a
-- migrated workspace holding one contact); SQLite's rowids need nothing.
SELECT 1;
