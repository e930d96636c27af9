"""The recognition rules: each module reads one concern of a strategy's text (dates and
amounts, titles and numbers, fiche fields, actors, the document's parts), and ``walker.py``
runs them over the blocks in order."""
