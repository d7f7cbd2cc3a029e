-- 005 (PostgreSQL): the twin of ../005_step_counts.sql.
CREATE TABLE step_counts (
  flow_id TEXT NOT NULL,
  node TEXT NOT NULL,
  port TEXT NOT NULL,
  outcome TEXT NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (flow_id, node, port, outcome)
);
CREATE TABLE node_visits (
  flow_id TEXT NOT NULL,
  node TEXT NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (flow_id, node)
);
INSERT INTO step_counts(flow_id, node, port, outcome, n)
  SELECT flow_id, node, port, outcome, count(*) FROM steps GROUP BY flow_id, node, port, outcome;
INSERT INTO node_visits(flow_id, node, n)
  SELECT flow_id, node, count(DISTINCT enrollment_id) FROM steps WHERE outcome NOT IN ('jump', 'exit') GROUP BY flow_id, node;
DROP INDEX IF EXISTS steps_flow;
