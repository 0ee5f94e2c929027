"""Helpers of the CSV reader: rows with positioned cell errors, and other tools' column
mappings.
"""
