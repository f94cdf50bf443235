"""One selection with every part of a page (dateline, headnote, source note, text, a note) and one
page outside the selections: paragraph anchors (tools.extensions.paragraphs) and the headnote's
label (tools.extensions.editor_note)."""

extensions = ["myst_parser", "tools.extensions.paragraphs", "tools.extensions.editor_note"]
myst_enable_extensions = ["colon_fence"]
myst_footnote_transition = False
nitpicky = True
