// Every slice of a feed that `geokg sync` loaded or failed to load, in time order.
// :param feed => 'gdelt2'
MATCH (s:FeedSlice {feed: $feed})
RETURN s.slice AS slice, s.status AS status, s.reason AS reason, s.files AS files, s.urls AS urls,
       s.sizes AS sizes, s.md5s AS md5s, s.attempts AS attempts,
       {created: s.created, updated: s.updated, unchanged: s.unchanged, rejected: s.rejected,
        skipped: s.skipped, filtered: s.filtered} AS counts,
       coalesce(s.filters, CASE WHEN s.status = 'loaded' THEN [''] ELSE [] END) AS filters,
       s.loaded_at AS loaded_at
ORDER BY s.slice
