"""Importer: the print book's converted text -> MyST Markdown chapters and glossary.

A pipeline of small passes, each a pure function on plain data:
read -> segment -> repair -> annotate -> link -> render -> write (which merges a person's
edit into the new output: merge.py).
"""
