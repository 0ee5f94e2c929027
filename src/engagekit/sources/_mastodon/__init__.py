"""Helpers of the Mastodon reader: post HTML as plain text.
"""
