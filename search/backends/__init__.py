"""Search backends: the language-aware database and Elasticsearch backends."""
