"""Helpers of the X/Twitter readers: the archive's msgspec schema, the API's v1.1 status
reader, and the entity, place and media rules both share.
"""
