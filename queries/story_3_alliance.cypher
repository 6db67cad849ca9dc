// The alliance between two actors, the event it is derived from and who signed it.
// :param a => 'prk'
// :param b => 'rus'
MATCH alliance = (:Actor {id: $a})-[ally:ALLY_OF]-(:Actor {id: $b})
MATCH signed = (:Actor)-[:PARTICIPATED_IN]->(:Event {id: ally.derived_from})
RETURN alliance, signed
