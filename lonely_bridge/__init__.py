"""Lonely Bridge: a large-text companion that helps older adults keep in touch."""

__version__ = "0.1.0"
APP_NAME = "Lonely Bridge"
APP_ID = "lonely-bridge"
# The app's files and folders hold private lives: readable by this user only (Linux, macOS).
PRIVATE_FILE_MODE = 0o600
PRIVATE_FOLDER_MODE = 0o700
