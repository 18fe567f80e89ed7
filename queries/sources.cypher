// The sentences behind one entity's facts: document, offsets and text, in reading order.
// @param name  required  e.g. 王代强 or 河南(宝丰)新能源绿色循环产业园项目
MATCH (n)
WHERE n.name = $name OR $name IN n.aliases
MATCH (n)-[f]-()
WHERE type(f) <> 'MENTIONED_IN'
UNWIND range(0, size(f.prov_doc) - 1) AS i
RETURN type(f) AS relation, startNode(f).name AS subject, endNode(f).name AS object,
       f.prov_doc[i] AS path, f.prov_article[i] AS article, f.prov_start[i] AS start,
       f.prov_end[i] AS `end`, f.prov_text[i] AS sentence, f.prov_extractor[i] AS extractor
ORDER BY path, article, start, relation, subject, object
