"""The fault suite's fixtures; they live in faultkit.py with its helpers."""
from faultkit import raw_server  # noqa: F401
