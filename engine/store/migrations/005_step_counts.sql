-- 005: the numbers drawn on the canvas come from running totals kept with
-- the journal, not from counting it: a count over millions of steps took
-- seconds, and its index (flow, node, port) cost every step a write.
-- step_counts: journal rows per node, port and outcome; node_visits: how
-- many times journeys reached each node (a wait counts once, not once when
-- it parks and again when it resumes).
CREATE TABLE step_counts (
  flow_id TEXT NOT NULL,
  node TEXT NOT NULL,
  port TEXT NOT NULL,
  outcome TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (flow_id, node, port, outcome)
) WITHOUT ROWID;
CREATE TABLE node_visits (
  flow_id TEXT NOT NULL,
  node TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (flow_id, node)
) WITHOUT ROWID;
INSERT INTO step_counts(flow_id, node, port, outcome, n)
  SELECT flow_id, node, port, outcome, count(*) FROM steps GROUP BY flow_id, node, port, outcome;
INSERT INTO node_visits(flow_id, node, n)
  SELECT flow_id, node, count(DISTINCT enrollment_id) FROM steps WHERE outcome NOT IN ('jump', 'exit') GROUP BY flow_id, node;
DROP INDEX IF EXISTS steps_flow;
