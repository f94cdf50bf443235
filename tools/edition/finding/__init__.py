"""Finding things: the printed Index, the Glossary's A–Z bar, works cited, the register of letters, search."""
