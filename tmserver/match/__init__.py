"""The match stage: similarity, the n-gram index, ranking and placeable substitution.

Takes memory sources (plain strings) and a query and gives back candidate ids with
their qualities (``index``, ``quality``), ranked suggestions (``rank``) and targets
with the query's numbers and dates substituted (``substitute``). Pure core: it may
import the base modules and ``tmserver.text``; never lint, the store or an edge.
"""
