"""Rendering: the rules' codes and numbers turned into sentences, JSON or terminal output."""
