// What `geokg sync` did with one slice of a feed (GDELT 2.0's 15-minute files): loaded, with the
// load's counts, or failed, with why. Written once the slice's load has committed, so a slice
// recorded `loaded` is whole; a failed one is tried again by the next run. `filters` lists the load
// filters it was loaded under ('' for none).
// :param id => 'gdelt2:20250813120000'
// :param feed => 'gdelt2'
// :param slice => '20250813120000'
// :param status => 'loaded'
// :param reason => null
// :param files => ['20250813120000.export.CSV.zip', '20250813120000.mentions.CSV.zip']
// :param urls => ['http://data.gdeltproject.org/gdeltv2/20250813120000.export.CSV.zip', 'http://data.gdeltproject.org/gdeltv2/20250813120000.mentions.CSV.zip']
// :param sizes => [123456, 65432]
// :param md5s => ['0123456789abcdef0123456789abcdef', 'fedcba9876543210fedcba9876543210']
// :param counts => {created: 10, updated: 0, unchanged: 0, rejected: 1, skipped: 3, filtered: 0}
// :param filter => ''
MERGE (s:FeedSlice {id: $id})
ON CREATE SET s.feed = $feed, s.slice = $slice, s.attempts = 0
SET s.status = $status, s.reason = $reason, s.files = $files, s.urls = $urls, s.sizes = $sizes,
    s.md5s = $md5s, s.created = $counts.created, s.updated = $counts.updated,
    s.unchanged = $counts.unchanged, s.rejected = $counts.rejected, s.skipped = $counts.skipped,
    s.filtered = $counts.filtered,
    s.filters = CASE WHEN $status = 'loaded' AND NOT $filter IN coalesce(s.filters, [])
                THEN coalesce(s.filters, []) + $filter ELSE s.filters END,
    s.attempts = s.attempts + 1, s.tried_at = datetime(),
    s.loaded_at = CASE WHEN $status = 'loaded' THEN datetime() ELSE s.loaded_at END
