"""Helpers of the Meta readers (Instagram and Facebook): their msgspec schemas, shared
value rules (mojibake, times, places) and Facebook's attachments.
"""
