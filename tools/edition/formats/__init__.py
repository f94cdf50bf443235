"""The three formats: EPUB packaging, LaTeX, capitals, accessible and lean HTML, typography, downloads."""
