"""A selection's page: its header, paragraph ids, editor's note, previews, pointers, mentions, sidebar."""
