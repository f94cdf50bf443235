"""Tools for the digital edition: the importer and its checks."""
