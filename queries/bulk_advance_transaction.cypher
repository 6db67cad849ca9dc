// After a bulk import: $count + 1 small write transactions, committed one per row in this one
// auto-commit query, so that the imported store's transaction ids pass the replaced store's and
// bookmarks drivers hold from before (a running API's) stay satisfiable. The counter node is
// deleted by the last of them.
// :param count => 3
UNWIND range(0, $count) AS run
CALL (run) {
  MERGE (c:BulkImportCounter {id: 'transactions'})
  SET c.runs = run
  WITH c WHERE run = $count
  DELETE c
} IN TRANSACTIONS OF 1 ROW
