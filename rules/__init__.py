"""The built-in rules: one module per rule; its class docstring is its documentation.

Codes by family: RL1xx structure, RL2xx tables, RL3xx prose, RL4xx metadata, RL5xx copy damage.
A new rule is one module here plus one case file in tests/cases/.
"""
