"""Session stores: where the conversation service keeps sessions between turns."""
