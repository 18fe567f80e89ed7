// The shortest connections between two entities: every shortest chain of facts (up to 6
// steps; amounts and documents are not steps), one row per step with its first sentence
// and that sentence's article. On the embedded store networkx answers it (kg/query/path.py).
// @param from  required  e.g. 王代强
// @param to  required  e.g. 宝丰恒瑞新材料有限公司
MATCH (a) WHERE a.name = $from
MATCH (b) WHERE b.name = $to AND b <> a
MATCH p = allShortestPaths((a)-[:IMPLEMENTS|LEADS|HOLDS_POSITION|LOCATED_IN|PART_OF|UNDERTAKES|SIGNED|IN_INDUSTRY|VISITED*..6]-(b))
WITH nodes(p) AS ns, relationships(p) AS rs
WITH ns, rs, [i IN range(0, size(rs) - 1) | type(rs[i]) + coalesce(' ' + rs[i].title, '')] AS labels
WITH ns, rs, reduce(s = ns[0].name, i IN range(0, size(rs) - 1) |
       s + CASE WHEN startNode(rs[i]) = ns[i] THEN ' -' + labels[i] + '-> ' ELSE ' <-' + labels[i] + '- ' END
         + ns[i + 1].name) AS chain
UNWIND range(0, size(rs) - 1) AS i
WITH chain, i, ns[i] AS x, ns[i + 1] AS y, rs[i] AS r, rs[i].prov_document[0] AS doc_id
MATCH (d:Document {id: doc_id})
WITH chain, i, x, y, r, d, toString(d.date) AS date, coalesce(d.publisher, d.source) AS by
RETURN chain AS path, i + 1 AS step, x.name AS `from`,
       CASE WHEN startNode(r) = x THEN '→' ELSE '←' END AS direction, type(r) AS relation,
       r.title AS title, y.name AS `to`, r.prov_text[0] AS sentence,
       coalesce(d.title, r.prov_doc[0]) + coalesce(' — ' + coalesce(by + ', ' + date, by, date), '')
         + coalesce(' — ' + d.url, '') AS cite
ORDER BY path, step
