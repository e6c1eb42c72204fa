"""The main destinations, one module per page."""
