// Actors for the RDF export, one page in id order after $after; $ids null for every actor, or
// the ids wanted (a filtered export asks for the actors its events and relationships mention).
// native: whether a native record wrote it (content_hash), else only the event data sets made it.
// :param after => ''
// :param ids => null
// :param batch => 1000
MATCH (a:Actor)
WHERE a.id > $after AND ($ids IS NULL OR a.id IN $ids)
RETURN a {.id, .name, .kind, .country, .aliases, .wikidata, .description, .alt_names,
          .alt_name_langs, .external_id_keys, .external_id_values, .dataset_aliases, .dataset_id_keys,
          .dataset_id_values, .resolution} AS actor,
       a.content_hash IS NOT NULL AS native
ORDER BY a.id
LIMIT $batch
