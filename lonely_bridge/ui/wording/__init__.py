"""The app's words: what people read, kept apart from the code that decides what to say."""
