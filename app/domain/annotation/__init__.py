"""Annotations inside the text: people, places, organisations, dates, quantities, terms
and comments marked on spans of titles, bodies and captions (pure Python: no Qt, no SQL).

``model`` says what an annotation is, ``anchoring`` keeps it on its text through edits,
``scanners`` proposes annotations, ``index`` builds the volume's index (索引), and
``inline`` nests annotations into TEI elements.
"""
