"""How the federation's figures are shown: labelled, published (rounded)
and laid out as tables and charts for the pages and the exports. The figures
are read in federation.selectors; the disclosure rules are in
federation.suppression."""
