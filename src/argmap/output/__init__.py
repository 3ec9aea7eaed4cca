"""Pictures drawn: the views a map gets, laid out by Graphviz in one run.

:mod:`.pictures` turns a map into its pictures (the whole map, or an overview and
one view per line) with :mod:`argmap.draw` deciding what each shows and one
``dot`` process laying them all out, each once.
"""
