// The sentences behind one entity's facts, each citing its article: "title — publisher, date — url";
// document path and character offsets for machines; in reading order.
// @param name  required  e.g. 王代强 or 河南(宝丰)新能源绿色循环产业园项目
// @param since  optional  only articles dated on or after this (kg query --since)
// @param until  optional  only articles dated on or before this (kg query --until)
MATCH (n)
WHERE n.name = $name OR $name IN n.aliases
MATCH (n)-[f]-()
WHERE type(f) <> 'MENTIONED_IN'
UNWIND range(0, size(f.prov_doc) - 1) AS i
WITH f, i, f.prov_document[i] AS doc_id
MATCH (d:Document {id: doc_id})
WITH f, i, d, toString(d.date) AS date, coalesce(d.publisher, d.source) AS by
WHERE ($since IS NULL OR date >= $since) AND ($until IS NULL OR date <= $until)
RETURN type(f) AS relation, startNode(f).name AS subject, endNode(f).name AS object,
       f.prov_text[i] AS sentence,
       coalesce(d.title, f.prov_doc[i]) + coalesce(' — ' + coalesce(by + ', ' + date, by, date), '')
         + coalesce(' — ' + d.url, '') AS cite,
       date, f.prov_doc[i] AS path, f.prov_article[i] AS article, f.prov_start[i] AS start,
       f.prov_end[i] AS `end`, f.prov_extractor[i] AS extractor
ORDER BY path, article, start, relation, subject, object
