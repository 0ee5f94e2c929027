"""The machinery every reader shares: containers (file, folder, zip) and their limits,
byte scanning, JSON array streaming and typed decoding, field access, and byte-range parts.

Private: readers import it; users import :mod:`engagekit.sources`.
"""
