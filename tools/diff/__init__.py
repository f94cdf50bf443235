"""`python -m tools diff [BASE]`: what a pull request changes for the book's readers.

Each changed page is read as a reader reads it (tools/diff/reading.py), compared part by
part with its version at BASE (compare.py), and each change to words on a page the importer
makes from the book is checked against the print edition (print_edition.py). The report is
Markdown (report.py); the pull-request job writes it to the job summary.
"""
