// After a bulk import: one small write transaction, run as many times as the replaced store had
// committed more transactions than the imported one, so that bookmarks drivers hold from before
// (a running API's) stay satisfiable. The counter node is deleted by the last run ($last).
// :param last => false
MERGE (c:BulkImportCounter {id: 'transactions'})
SET c.runs = coalesce(c.runs, 0) + 1
WITH c WHERE $last
DELETE c
