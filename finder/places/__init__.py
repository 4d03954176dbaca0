"""Places: coordinates, the gazetteer, distances and the map."""
