"""Data for others: "Cite this selection" (BibTeX, CSL JSON) and cmif.xml for correspondence catalogues."""
