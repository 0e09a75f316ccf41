"""Files and JSON as cpf-bot reads and writes them: private side files never written through
a link, bounded reads of regular files only, JSON that refuses repeated keys."""
