"""The recognition rules, one concern per module: values written the French way (``values``),
titles, numbers and purposes (``titles``), fiche fields and their tables (``fields``,
``tables``), actors (``actors``), the parts a document's words open (``parts``), what its
layout says (``layout``). ``draft`` holds the strategy being built; ``frame`` and ``fiches``
place what a document says of its frame and of its fiches; ``walker`` runs them over the blocks
in order and ``finish`` settles what needs the whole document."""
