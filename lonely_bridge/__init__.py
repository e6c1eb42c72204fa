"""Lonely Bridge: a large-text companion that helps older adults keep in touch."""

__version__ = "0.1.0"
APP_NAME = "Lonely Bridge"
APP_ID = "lonely-bridge"
