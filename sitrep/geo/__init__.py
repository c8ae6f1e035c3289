"""Places: countries now; gazetteer geocoding later."""
