// Projects a region carries out (IMPLEMENTS), with their investment, largest first.
// @param region  optional  a region's name, e.g. 宝丰县
MATCH (r)-[:IMPLEMENTS]->(p)
WHERE $region IS NULL OR r.name = $region
OPTIONAL MATCH (p)-[f:INVESTS]->(a)
RETURN p.name AS project, a.value AS investment, a.currency AS currency, f.kind AS kind,
       a.text AS amount, r.name AS `where`
ORDER BY investment DESC, project, kind, `where`
