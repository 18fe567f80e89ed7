// Task forces (专班, 领导小组, 工作组 ...) with where they sit, who leads them and their industry.
// @param region  optional  a region's name, e.g. 广元市
MATCH (t:TaskForce)
OPTIONAL MATCH (t)-[:LOCATED_IN]->(r)
WITH t, r.name AS located_in
WHERE $region IS NULL OR located_in = $region
OPTIONAL MATCH (l)-[:LEADS]->(t)
OPTIONAL MATCH (t)-[:IN_INDUSTRY]->(i)
RETURN t.name AS taskforce, located_in, l.name AS leader, i.name AS industry
ORDER BY located_in, taskforce, leader, industry
