"""The built-in rules: one module per rule; its class docstring is its documentation.

Codes by family: RL1xx structure, RL2xx tables, RL3xx prose, RL4xx metadata, RL5xx copy damage.
A new rule is one module here plus one case file in tests/cases/.
"""
if not __name__.startswith("report_lint."):   # the folder rules/ is report_lint.rules
    raise ImportError(f"the folder rules/ is the package report_lint.rules: import that, not {__name__}")
