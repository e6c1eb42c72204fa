"""Plain words for codes and values: the one place where the app speaks to people."""
