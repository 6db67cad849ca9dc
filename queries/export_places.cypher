// Places for the RDF export, one page in id order after $after; $ids null for every place, or
// the ids wanted (a filtered export asks for the places of its events).
// :param after => ''
// :param ids => null
// :param batch => 1000
MATCH (p:Place)
WHERE p.id > $after AND ($ids IS NULL OR p.id IN $ids)
RETURN p {.id, .name, .kind, .country, .wikidata, .alt_names, .alt_name_langs, .latitude, .longitude,
          .dataset_id_keys, .dataset_id_values, .coordinates_rank} AS place,
       p.content_hash IS NOT NULL AS native
ORDER BY p.id
LIMIT $batch
