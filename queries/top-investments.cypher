// Projects whose investment is at least MIN, largest first.
// @param min  default=1000000000  the smallest investment shown: 40亿, 4000万, 1.5亿美元 or a number of yuan
// @param currency  default=CNY  the currency of MIN and of the investments shown (set by 1.5亿美元)
MATCH (p)-[f:INVESTS]->(a)
WHERE a.currency = $currency AND a.value >= $min
OPTIONAL MATCH (r)-[:IMPLEMENTS]->(p)
RETURN p.name AS project, a.value AS investment, f.kind AS kind, a.text AS amount, r.name AS `where`
ORDER BY investment DESC, project, kind, `where`
