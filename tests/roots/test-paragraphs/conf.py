"""One selection with every part of a page (dateline, headnote, source note, text, a note) and one
page outside the selections: paragraph anchors (tools.edition.letter_page.paragraphs) and the headnote's
label (tools.edition.letter_page.editor_note)."""

extensions = ["myst_parser", "tools.edition.letter_page.paragraphs", "tools.edition.letter_page.editor_note"]
myst_enable_extensions = ["colon_fence"]
myst_footnote_transition = False
nitpicky = True
