"""Helpers of the Bluesky reader: repository CAR files and rich-text facets.
"""
