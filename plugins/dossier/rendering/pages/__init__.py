"""Page builders: each module renders one kind of generated page from the corpus and its relations."""
