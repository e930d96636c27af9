"""``stspd convertir``: an existing strategy (Word, LibreOffice, PDF, web page, Markdown or
text) read into a ``stspd/1`` YAML file.

The pipeline, one module per stage: a reader per format (``read_*.py``, listed in
``readers.py``) gives one neutral document of blocks (``blocks.py``); page furniture is left out
(``furniture.py``); small recognition rules (``rules/``) place each block in the model; the
YAML is written with the project's own layout (``write.py``); ``coverage.py`` measures how much
of the source's text is in the YAML and ``summary.py`` tells what was recognised.
"""
