// Likely duplicates left for a person to review: two projects of one region whose
// names, without the region and without 项目, hold one another (对位芳纶 / 年产1万吨对位芳纶…).
// @param region  optional  a region's name, e.g. 万荣县
MATCH (r)-[:IMPLEMENTS]->(p:Project), (r)-[:IMPLEMENTS]->(q:Project)
WHERE ($region IS NULL OR r.name = $region) AND p.name < q.name
WITH r, p, q,
     CASE WHEN p.name STARTS WITH r.name THEN substring(p.name, size(r.name)) ELSE p.name END AS n1,
     CASE WHEN q.name STARTS WITH r.name THEN substring(q.name, size(r.name)) ELSE q.name END AS n2
WITH r, p, q,
     CASE WHEN n1 ENDS WITH '项目' THEN left(n1, size(n1) - 2) ELSE n1 END AS a,
     CASE WHEN n2 ENDS WITH '项目' THEN left(n2, size(n2) - 2) ELSE n2 END AS b
WHERE size(a) >= 4 AND size(b) >= 4 AND (a CONTAINS b OR b CONTAINS a)
RETURN DISTINCT r.name AS `where`, p.name AS name, q.name AS similar
ORDER BY `where`, name, similar
