"""Scripted dialogues: the `.dialog` format, replaying it, recording it, collecting it in pytest."""
