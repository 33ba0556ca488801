"""Reading rule files from disk and checking them, with messages for modders."""
