"""Plain-Python core: the records and rules of Lonely Bridge, free of Qt and databases."""
