// Projects whose investment is at least MIN yuan (CNY), largest first.
// @param min  default=1000000000  the smallest investment shown, in yuan (10亿元 = 1000000000)
MATCH (p)-[f:INVESTS]->(a)
WHERE a.currency = 'CNY' AND a.value >= $min
OPTIONAL MATCH (r)-[:IMPLEMENTS]->(p)
RETURN p.name AS project, a.value AS investment, f.kind AS kind, a.text AS amount, r.name AS `where`
ORDER BY investment DESC, project, kind, `where`
