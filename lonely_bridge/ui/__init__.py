"""Qt widgets: the only package that imports QtWidgets."""
