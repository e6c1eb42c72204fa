"""Readers and writers for the file formats the app meets: contact cards, lessons, e-mail."""
