"""One reader per official or canonical format; each returns model objects."""
