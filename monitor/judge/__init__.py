"""Judge: claims and verdicts (claims and their rules, quantities, the verdict stage).

Stages here are functions over text and records; they never touch the database or the network.
"""
