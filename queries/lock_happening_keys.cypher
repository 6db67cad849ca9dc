// Write-lock the blocking keys a grouping reads (graph/happenings/attach.py), in the order given
// (sorted): two writers whose records could join one happening share a key, so they group one
// after the other and neither tears nor doubles a happening. The key node is made on first use.
// :param keys => ['prk|rus|04']
UNWIND $keys AS key
MERGE (k:HappeningKey {key: key})
SET k.write_lock = true
REMOVE k.write_lock
