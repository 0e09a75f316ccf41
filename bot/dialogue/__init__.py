"""The dialogue layer: the questionnaire as data, sessions as values, and the engine that
moves a session from one question to the next. No terminal, no store, no rendered text."""
