"""Business rules of the calculators: plain functions over the records editors publish.

Nothing here knows about requests, views or templates. Each rule takes plain inputs, the
published records and a date, and returns a dataclass that carries every component, the rule
applied and the legal basis, so the page can show how each figure was reached.
"""
