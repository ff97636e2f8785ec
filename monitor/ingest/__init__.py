"""Ingest: from the network to article records (feeds, HTTP fetching, extraction, independent sources).

Stages here are functions over bytes and records; they never touch the database.
"""
